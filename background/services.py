"""Writes for background work: recurring schedules, kept by name."""

from django_q.models import Schedule


def schedule_ensure(
    *,
    name: str,
    func: str,
    schedule_type: str = Schedule.MINUTES,
    minutes: int | None = None,
    cron: str | None = None,
    kwargs: dict | None = None,
) -> Schedule:
    """Create or update the recurring schedule called `name`.

    Running it twice leaves one schedule, so every deploy may call it.
    `func` is a dotted path; `kwargs` hold ids only, never confidential text.
    """
    schedule, _created = Schedule.objects.update_or_create(
        name=name,
        defaults={
            "func": func,
            "schedule_type": schedule_type,
            "minutes": minutes,
            "cron": cron,
            "kwargs": repr(kwargs or {}),
            "repeats": -1,
        },
    )
    return schedule
