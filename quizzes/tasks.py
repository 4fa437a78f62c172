"""Background jobs of the quizzes app: plain functions, arguments are ids."""

from .services import attempts_close_overdue


def close_overdue_attempts() -> int:
    return attempts_close_overdue()
