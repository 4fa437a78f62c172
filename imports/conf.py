"""Settings of the import pipeline, with defaults.

IMPORTS_STALE_AFTER (seconds): an import being applied whose worker has given
no sign of life for this long is failed (its worker was killed, or django-q2
gave up on it). Defaults to Q_CLUSTER["timeout"]: a task that runs longer is
stopped by django-q2 anyway. The task beats every fifth of it.
IMPORTS_PREVIEW_DAYS: previews never applied are deleted after this many days.
"""

from datetime import timedelta

from django.conf import settings


def stale_after() -> timedelta:
    seconds = getattr(settings, "IMPORTS_STALE_AFTER", None)
    if seconds is None:
        seconds = getattr(settings, "Q_CLUSTER", {}).get("timeout") or 300
    return timedelta(seconds=seconds)


def heartbeat_every() -> float:
    return max(0.5, stale_after().total_seconds() / 5)


def preview_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "IMPORTS_PREVIEW_DAYS", 1))
