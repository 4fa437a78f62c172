"""Recurring django-q2 schedules of the courses app, created by name by `sync_schedules`."""

from django_q.models import Schedule

SCHEDULES = []

SCHEDULES += [
    {
        "name": "courses.run_training_plans",
        "func": "courses.tasks.run_training_plans",
        "schedule_type": Schedule.CRON,
        "cron": "15 7 * * *",
    },
    {
        "name": "courses.followup_checkpoints_open",
        "func": "courses.tasks.followup_checkpoints_open",
        "schedule_type": Schedule.CRON,
        "cron": "30 6 * * *",
    },
    {
        "name": "courses.followup_tasks_nudge",
        "func": "courses.tasks.followup_tasks_nudge",
        "schedule_type": Schedule.CRON,
        "cron": "0 8 * * *",
    },
]
SCHEDULES += [
    {
        "name": "courses.certificate_expiry_notices",
        "func": "courses.tasks.certificate_expiry_notices",
        "schedule_type": Schedule.CRON,
        "cron": "45 7 * * *",
    },
]
