"""Daily figures of past days from what is already kept: each day's answers
and the snapshots taken on it, never new snapshots (a past day's snapshot
stays as it was taken). For a database that has history but no rollups yet:
the demo's month of drilling, or an installation upgraded to rollups."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from . import rollup_sql
from .rollup_sql import People


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def rollup_history_fill(*, first: date, last: date) -> int:
    """Rewrite PersonTopicDay and UnitTopicDay of every day from `first` to
    `last` (both included, before today) for the whole organisation. Returns
    the number of days written."""
    last = min(last, timezone.localdate() - timedelta(days=1))
    days = 0
    day = first
    while day <= last:
        start, end = _start_of(day), _start_of(day + timedelta(days=1))
        rollup_sql.person_days_write(day=day, start=start, end=end, people=People())
        rollup_sql.unit_days_write(day=day, people=People())
        day += timedelta(days=1)
        days += 1
    return days
