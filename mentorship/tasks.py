"""Background jobs of mentorship, run by django-q2: plain functions that call one service."""

import datetime

from .services.matching_runs import stale_runs_fail, suggestions_run_execute
from .services.nudges import checkin_nudges_send


def suggestions_run(run_id: int) -> None:
    """A suggestion run above MENTORSHIP_BACKGROUND_THRESHOLD."""
    suggestions_run_execute(run_id=run_id)


def fail_stale_runs() -> int:
    """The schedule: suggestion runs that stopped giving signs of life are failed."""
    return stale_runs_fail()


def send_checkin_nudges(today: str | None = None) -> int:
    """The daily check-in reminders; `today` (YYYY-MM-DD) runs them as of another day."""
    return checkin_nudges_send(today=datetime.date.fromisoformat(today) if today else None)
