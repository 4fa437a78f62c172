"""Recurring schedules of the host site; `sync_schedules` creates them by name."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "hostsite.delete_old_signin_records",
        "func": "hostsite.tasks.delete_old_signin_records",
        "schedule_type": Schedule.CRON,
        "cron": "20 3 * * *",
    },
]
