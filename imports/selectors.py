"""Reads of the import pipeline. Nothing here writes."""

import time

from django.db.models import QuerySet

from .conf import stale_after
from .models import ImportRun
from .registry import importer_get
from .services import progress_read


def import_runs_for(user, kind: str) -> QuerySet[ImportRun]:
    """The runs of `kind` that `user` sees: their own, or all when the importer says so."""
    importer = importer_get(kind)
    runs = ImportRun.objects.filter(kind=kind).defer("data").select_related("created_by")
    if not importer.sees_all(user):
        runs = runs.filter(created_by=user)
    return runs


def import_run_for(user, kind: str, pk: int) -> ImportRun | None:
    run = import_runs_for(user, kind).filter(pk=pk).first()
    if run is None or not importer_get(kind).may_see(user, run):
        return None
    return run


def import_run_progress(run: ImportRun) -> dict:
    """Status and rows done of total, for the progress bar."""
    done = run.done
    quiet = None
    if run.status == ImportRun.Status.APPLYING:
        progress = progress_read(run.pk)
        if progress:
            done = min(progress["done"], run.total)
            quiet = int(time.time() - progress["beat"])
    elif run.status == ImportRun.Status.DONE:
        done = run.total
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": str(run.get_status_display()),
        "done": done,
        "total": run.total,
        "percent": int(done * 100 / run.total) if run.total else 0,
        "reason": run.reason,
        "stale_after": int(stale_after().total_seconds()),
        "quiet_for": quiet,
    }
