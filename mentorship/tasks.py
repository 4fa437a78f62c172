"""Background work of mentorship, run by django-q2."""

from .services.matching_runs import stale_runs_fail, suggestions_run_execute


def suggestions_run(run_id: int) -> None:
    """A suggestion run above MENTORSHIP_BACKGROUND_THRESHOLD."""
    suggestions_run_execute(run_id=run_id)


def fail_stale_runs() -> int:
    """The schedule: suggestion runs that stopped giving signs of life are failed."""
    return stale_runs_fail()
