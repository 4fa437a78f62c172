"""Reads about memory: the due queue and predicted recall.

"Today" is the person's own day: it starts and ends at midnight in the time
zone of their profile (the one they choose in their account settings), or in
the site's TIME_ZONE when they have not chosen one.
"""

from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.cache import cache
from django.db.models import Count, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.users.models import UserProfile

from people.models import Person

from ..conf import quizzes_settings
from ..models import MemoryState


def time_zone_cache_key(user_id: int) -> str:
    return f"quizzes:time-zone:{user_id}"


def person_time_zone(person: Person) -> tzinfo:
    """The zone of the person's profile, or the site's. Kept in the cache (a
    profile's save clears it, see receivers), so pages that show the due
    queue do not pay a query for it; never writes to the database."""
    key = time_zone_cache_key(person.user_id)
    name = cache.get(key)
    if name is None:
        name = (
            UserProfile.objects.filter(user_id=person.user_id)
            .values_list("current_time_zone", flat=True)
            .first()
        ) or ""
        cache.set(key, name, 24 * 3600)
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone since removed from the system's database: the site's
    return timezone.get_default_timezone()


def start_of_today(now: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight at the start of `now`'s day in `tz` (the current zone when None)."""
    tz = tz or timezone.get_current_timezone()
    local = timezone.localtime(now, tz)
    return timezone.make_aware(datetime.combine(local.date(), time.min), tz)


def end_of_today(now: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight at the end of `now`'s day in `tz` (the current zone when None)."""
    tz = tz or timezone.get_current_timezone()
    local = timezone.localtime(now, tz)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min), tz)


def _reviewed_since(person: Person, start: datetime):
    return MemoryState.objects.filter(person=person, last_review__gte=start)


def due_queue(
    person: Person, *, now: datetime | None = None, cap: int | None = None
) -> list[MemoryState]:
    """What this person should still review today, most overdue first: the one
    answer to "what is due and how many" that the home page, the drills page,
    the API, the daily reminder and the daily review (a due-first drill) all
    share. The
    daily cap counts the reviews already done today, so the day's workload
    stays bounded however often the queue is asked for. One query on the
    (person, due) index with today's count as a subquery, once the person's
    zone is in the cache."""
    now = now or timezone.now()
    cap = quizzes_settings.DAILY_REVIEW_CAP if cap is None else cap
    tz = person_time_zone(person)
    done_today = (
        _reviewed_since(person, start_of_today(now, tz))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    states = list(
        # A question since closed is no longer asked, so it is not due either.
        MemoryState.objects.filter(
            person=person, due__lt=end_of_today(now, tz), question__is_active=True
        )
        .annotate(done_today=Coalesce(Subquery(done_today), Value(0), output_field=IntegerField()))
        .select_related("question__topic")
        .order_by("due")[: max(cap, 0)]
    )
    left = max(0, cap - states[0].done_today) if states else 0
    return states[:left]
