"""Recurring django-q2 schedules of the quizzes app, created by name by
`sync_schedules` (which looks for `<app>.schedules` in every app). The memory
model that schedules reviews is quizzes.memory_model."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "quizzes.close_overdue_attempts",
        "func": "quizzes.tasks.close_overdue_attempts",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
    },
    {
        "name": "quizzes.take_mastery_snapshots",
        "func": "quizzes.tasks.take_mastery_snapshots",
        "schedule_type": Schedule.CRON,
        "cron": "50 23 * * *",
    },
    {
        "name": "quizzes.send_due_reminders",
        "func": "quizzes.tasks.send_due_reminders",
        "schedule_type": Schedule.CRON,
        "cron": "30 7 * * *",
    },
]
