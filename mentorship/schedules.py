"""Recurring django-q2 schedules of mentorship, created by name by `sync_schedules`."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "mentorship.send_checkin_nudges",
        "func": "mentorship.tasks.send_checkin_nudges",
        "schedule_type": Schedule.CRON,
        "cron": "0 8 * * *",
    },
    {
        "name": "mentorship.fail_stale_runs",
        "func": "mentorship.tasks.fail_stale_runs",
        "schedule_type": Schedule.MINUTES,
        "minutes": 5,
    },
]
