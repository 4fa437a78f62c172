"""Reads of the import pipeline. Nothing here writes."""

import time
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from .conf import stale_after
from .models import ImportRun
from .registry import importer_get, importers_all
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


@dataclass(frozen=True)
class LatestRun:
    run: ImportRun
    label: str  # the importer's name, such as "Import questions"
    url: str  # the run's page
    list_url: str  # every import of its kind


def latest_runs_for(user, *, limit: int = 5) -> list[LatestRun]:
    """The newest runs `user` uploaded, of the kinds they may still use, newest
    first: one query for the runs, whatever their number."""
    importers = {importer.kind: importer for importer in importers_all() if importer.may_use(user)}
    if not importers or not user.is_authenticated:
        return []
    runs = (
        ImportRun.objects.filter(created_by=user, kind__in=importers)
        .only("kind", "file_name", "status", "total", "created_at", "reason")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        LatestRun(
            run=run,
            label=str(importers[run.kind].label),
            url=reverse(f"{importers[run.kind].namespace}:detail", args=[run.pk]),
            list_url=reverse(f"{importers[run.kind].namespace}:list"),
        )
        for run in runs
    ]


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
