"""The cluster scenario's background job (tests/bench/cluster.py): it counts
its own runs, so that a job lost or run twice shows in the database."""

import os

from django.db.models import F

from .models import JobRun


def job_mark(batch: str, number: int) -> None:
    """Add one to the job's row, in one UPDATE (atomic, whichever cluster runs it)."""
    JobRun.objects.filter(batch=batch, number=number).update(
        runs=F("runs") + 1, ran_on=os.environ.get("BENCH_CLUSTER_ID", "")
    )
