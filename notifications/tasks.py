"""Background jobs of notifications: plain functions that take ids."""

from .services import notice_email_deliver


def notice_email(notice_id: int) -> str:
    """Send notice `notice_id` by e-mail (raises while it may still be retried)."""
    return notice_email_deliver(notice_id=notice_id)
