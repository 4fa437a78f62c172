"""Recurring schedules of this app. Each installed app may have a
`schedules.py` with a SCHEDULES list; `sync_schedules` creates them by name."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "background.heartbeat",
        "func": "background.tasks.heartbeat",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
    },
]
