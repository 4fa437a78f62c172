import json

from django.core.management.base import BaseCommand

from background.selectors import cluster_status_get


class Command(BaseCommand):
    help = (
        "Show whether the django-q2 cluster is alive and processing tasks. "
        "Exits 1 when no cluster is alive or the heartbeat task has not run recently."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the status as JSON.")

    def handle(self, *args, **options):
        status = cluster_status_get()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "alive": status.alive,
                        "processing": status.processing,
                        "clusters": status.clusters,
                        "queued": status.queued,
                        "last_heartbeat": status.last_heartbeat
                        and status.last_heartbeat.isoformat(),
                        "last_success": status.last_success and status.last_success.isoformat(),
                        "failures_last_day": status.failures_last_day,
                        "schedules": status.schedules,
                    },
                    indent=2,
                )
            )
        else:
            self.stdout.write(f"Clusters alive: {len(status.clusters)}")
            for cluster in status.clusters:
                self.stdout.write(
                    f"  {cluster['host']} {cluster['id']}: {cluster['status']}, "
                    f"{cluster['workers']} workers, up {cluster['uptime']} s"
                )
            self.stdout.write(f"Tasks queued: {status.queued}")
            self.stdout.write(f"Last heartbeat: {status.last_heartbeat or 'never'}")
            self.stdout.write(f"Last successful task: {status.last_success or 'never'}")
            self.stdout.write(f"Failures in the last 24 hours: {status.failures_last_day}")
            self.stdout.write(f"Recurring schedules: {status.schedules}")
            verdict = (
                "alive and processing" if status.alive and status.processing else "NOT healthy"
            )
            self.stdout.write(f"Cluster: {verdict}")
        if not (status.alive and status.processing):
            raise SystemExit(1)
