"""Background jobs of the quizzes app: plain functions that call one service; arguments are ids."""

from .models import RollupRun
from .services.attempts import attempts_close_overdue
from .services.reminders import due_reminders_send
from .services.rollups import rollup_run, rollup_stale_fail


def close_overdue_attempts() -> int:
    return attempts_close_overdue()


def take_mastery_snapshots() -> str:
    """The nightly rollup (its schedule keeps the name it had when it took the
    snapshots only): today's snapshots, answers and unit figures for everyone."""
    return _outcome(rollup_run(kind=RollupRun.Kind.FULL))


def rollup_incremental() -> str:
    return _outcome(rollup_run(kind=RollupRun.Kind.INCREMENTAL))


def fail_stale_rollups() -> int:
    return rollup_stale_fail()


def _outcome(run: RollupRun | None) -> str:
    if run is None:
        return "skipped: another rollup is running"
    if run.status == RollupRun.Status.FAILED:
        # Raised, so that django-q2 lists the task among its failures too.
        raise RuntimeError(f"rollup run {run.pk} failed: {run.error}")
    return f"rollup run {run.pk}: {run.people} people"


def send_due_reminders() -> int:
    return due_reminders_send()
