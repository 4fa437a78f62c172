"""Background jobs of the quizzes app: plain functions that call one service; arguments are ids."""

from .services.attempts import attempts_close_overdue
from .services.mastery import mastery_snapshot_take
from .services.reminders import due_reminders_send


def close_overdue_attempts() -> int:
    return attempts_close_overdue()


def take_mastery_snapshots() -> int:
    return mastery_snapshot_take()


def send_due_reminders() -> int:
    return due_reminders_send()
