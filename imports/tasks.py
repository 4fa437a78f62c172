"""Background jobs of the import pipeline: plain functions; arguments are ids."""

from .services import import_previews_delete_old, import_run_apply, import_runs_fail_stale


def import_apply(run_id: int) -> str:
    run = import_run_apply(run_id=run_id)
    return run.status if run else "gone"


def imports_fail_stale() -> int:
    return import_runs_fail_stale()


def import_previews_delete() -> int:
    return import_previews_delete_old()
