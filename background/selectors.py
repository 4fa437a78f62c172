"""Reads about the state of the django-q2 cluster."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Failure, Schedule, Success
from django_q.status import Stat

from .tasks import HEARTBEAT_KEY

# The heartbeat schedule runs every minute; allow for one missed beat.
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class ClusterStatus:
    clusters: list[dict]
    queued: int
    last_heartbeat: datetime | None
    last_success: datetime | None
    failures_last_day: int
    schedules: int

    @property
    def alive(self) -> bool:
        return any(c["status"] != "Stopped" for c in self.clusters)

    @property
    def processing(self) -> bool:
        return (
            self.last_heartbeat is not None
            and timezone.now() - self.last_heartbeat < HEARTBEAT_STALE_AFTER
        )


def cluster_status_get() -> ClusterStatus:
    broker = get_broker()
    clusters = [
        {
            "id": str(stat.cluster_id),
            "host": stat.host,
            "status": stat.status,
            "workers": len(stat.workers),
            "uptime": int(stat.uptime()),
        }
        for stat in Stat.get_all(broker=broker)
    ]
    raw_beat = cache.get(HEARTBEAT_KEY)
    last_success = Success.objects.order_by("-stopped").values_list("stopped", flat=True).first()
    return ClusterStatus(
        clusters=clusters,
        queued=broker.queue_size() or 0,
        last_heartbeat=datetime.fromisoformat(raw_beat) if raw_beat else None,
        last_success=last_success,
        failures_last_day=Failure.objects.filter(
            stopped__gte=timezone.now() - timedelta(days=1)
        ).count(),
        schedules=Schedule.objects.count(),
    )
