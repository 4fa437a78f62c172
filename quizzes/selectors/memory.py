"""Reads about memory: the due queue and predicted recall."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from people.models import Person

from ..conf import quizzes_settings
from ..models import MemoryState


def end_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))


def start_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min))


def reviews_done_today(person: Person, *, now: datetime) -> int:
    return MemoryState.objects.filter(person=person, last_review__gte=start_of_today(now)).count()


def due_queue(
    person: Person, *, now: datetime | None = None, cap: int | None = None
) -> list[MemoryState]:
    """What this person should review today, most overdue first, at most `cap`
    (the daily cap). One query on the (person, due) index."""
    now = now or timezone.now()
    cap = quizzes_settings.DAILY_REVIEW_CAP if cap is None else cap
    return list(
        MemoryState.objects.filter(person=person, due__lt=end_of_today(now))
        .select_related("question__topic")
        .order_by("due")[:cap]
    )
