"""The cluster scenario's burst of background jobs (tests/bench/cluster.py).

manage.py bench_jobs --batch B --enqueue 2000
    makes 2,000 rows of JobRun (runs=0) for batch B, then queues one
    django-q2 job per row (tests.bench.benchapp.tasks.job_mark) on the
    configured broker; prints {"batch", "queued", "seconds"}.
manage.py bench_jobs --batch B --check --wait 120
    waits until every job of B has run (or --wait seconds have passed, or
    nothing has changed for --settle seconds), waits --grace seconds more
    for a second delivery of any of them, then prints
    {"batch", "jobs", "done", "lost", "twice", "by_cluster", "seconds"}:
    lost is the rows still at 0, twice the rows above 1, by_cluster how
    many jobs each cluster (BENCH_CLUSTER_ID) ran.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django_q.tasks import async_task

from ...models import JobRun

TASK = "tests.bench.benchapp.tasks.job_mark"


def counts(batch: str) -> dict:
    found = JobRun.objects.filter(batch=batch).aggregate(
        jobs=Count("pk"),
        done=Count("pk", filter=Q(runs__gte=1)),
        lost=Count("pk", filter=Q(runs=0)),
        twice=Count("pk", filter=Q(runs__gt=1)),
    )
    by_cluster = (
        JobRun.objects.filter(batch=batch, runs__gte=1)
        .values_list("ran_on")
        .annotate(Count("pk"))
        .order_by("ran_on")
    )
    return {"batch": batch, **found, "by_cluster": dict(by_cluster)}


class Command(BaseCommand):
    help = "Queue the cluster scenario's burst of background jobs, or count their runs."

    def add_arguments(self, parser):
        parser.add_argument("--batch", required=True)
        parser.add_argument("--enqueue", type=int, default=0, metavar="N")
        parser.add_argument("--check", action="store_true")
        parser.add_argument("--wait", type=float, default=0.0, metavar="SECONDS")
        parser.add_argument("--settle", type=float, default=30.0, metavar="SECONDS")
        parser.add_argument("--grace", type=float, default=3.0, metavar="SECONDS")

    def handle(self, *args, batch, enqueue, check, wait, settle, grace, **options):
        if bool(enqueue) == check:
            raise CommandError("Give either --enqueue N or --check.")
        started = time.monotonic()
        if enqueue:
            JobRun.objects.filter(batch=batch).delete()
            JobRun.objects.bulk_create(JobRun(batch=batch, number=n) for n in range(enqueue))
            for n in range(enqueue):
                async_task(TASK, batch, n, task_name=f"bench-{batch}-{n}")
            result = {"batch": batch, "queued": enqueue}
        else:
            result = counts(batch)
            changed = time.monotonic()
            while result["done"] < result["jobs"] and time.monotonic() - started < wait:
                if time.monotonic() - changed > settle:
                    break
                time.sleep(0.5)
                again = counts(batch)
                if again["done"] != result["done"]:
                    changed = time.monotonic()
                result = again
            if grace:
                # A job delivered twice runs after the last one to finish for the first time.
                time.sleep(grace)
                result = counts(batch)
        result["seconds"] = round(time.monotonic() - started, 2)
        self.stdout.write(json.dumps(result))
