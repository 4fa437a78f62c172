from django.db import models


class Hit(models.Model):
    """One row per request to the bare-insert baseline: the cheapest write
    the database can do, to compare real writes against."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"hit {self.pk}"


class JobRun(models.Model):
    """One row per background job of the cluster scenario's burst (tests/bench/
    cluster.py), made with runs=0 before the job is queued; the job adds one.
    Afterwards runs=0 is a lost job and runs>1 a job run twice."""

    batch = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    runs = models.PositiveIntegerField(default=0)
    # Which cluster ran it last (BENCH_CLUSTER_ID of its qcluster): the burst is shared.
    ran_on = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="bench_jobrun_once")
        ]

    def __str__(self):
        return f"job {self.batch}/{self.number}: {self.runs}"
