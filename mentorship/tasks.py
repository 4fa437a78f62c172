"""Background jobs of mentorship: plain functions that call one service."""

import datetime

from .services.nudges import checkin_nudges_send


def send_checkin_nudges(today: str | None = None) -> int:
    """The daily check-in reminders; `today` (YYYY-MM-DD) runs them as of another day."""
    return checkin_nudges_send(today=datetime.date.fromisoformat(today) if today else None)
