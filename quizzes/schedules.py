from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "quizzes.close_overdue_attempts",
        "func": "quizzes.tasks.close_overdue_attempts",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
    },
]
