"""Recurring django-q2 schedules of the quizzes app, created by name by
`sync_schedules` (which looks for `<app>.schedules` in every app). The memory
model that schedules reviews is quizzes.memory_model."""

from django_q.models import Schedule

from .conf import quizzes_settings

SCHEDULES = [
    {
        "name": "quizzes.close_overdue_attempts",
        "func": "quizzes.tasks.close_overdue_attempts",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
    },
    {
        # The nightly full rollup; the name is the one it had when it took the
        # mastery snapshots only, so an existing schedule is updated in place.
        "name": "quizzes.take_mastery_snapshots",
        "func": "quizzes.tasks.take_mastery_snapshots",
        "schedule_type": Schedule.CRON,
        "cron": "50 23 * * *",
    },
    {
        "name": "quizzes.rollup_incremental",
        "func": "quizzes.tasks.rollup_incremental",
        "schedule_type": Schedule.MINUTES,
        "minutes": quizzes_settings.ROLLUP_EVERY_MINUTES,
    },
    {
        "name": "quizzes.fail_stale_rollups",
        "func": "quizzes.tasks.fail_stale_rollups",
        "schedule_type": Schedule.MINUTES,
        "minutes": 5,
    },
    {
        "name": "quizzes.send_due_reminders",
        "func": "quizzes.tasks.send_due_reminders",
        "schedule_type": Schedule.CRON,
        "cron": "30 7 * * *",
    },
]
