"""Background jobs of the background app."""

from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "background:last-heartbeat"


def heartbeat() -> str:
    """Record that a worker picked up and ran a task just now."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
