"""Settings of notifications, with defaults.

NOTIFICATIONS_EMAIL_MAX_ATTEMPTS: a notice's e-mail is tried at most this many
times (default 3); after that its last error stays on the notice and nobody
tries again. Between attempts the broker delivers the task again after
Q_CLUSTER["retry"] seconds.
NOTIFICATIONS_BASE_URL: put before a notice's link in its e-mail (default:
WAGTAILADMIN_BASE_URL, else the link alone).
NOTIFICATIONS_FROM_EMAIL: the sender (default: DEFAULT_FROM_EMAIL).
"""

from django.conf import settings


def email_max_attempts() -> int:
    return max(1, int(getattr(settings, "NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", 3)))


def base_url() -> str:
    found = getattr(settings, "NOTIFICATIONS_BASE_URL", None)
    if found is None:
        found = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return (found or "").rstrip("/")


def from_email() -> str | None:
    return getattr(settings, "NOTIFICATIONS_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL
