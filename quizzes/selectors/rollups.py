"""Reads of the daily rollups (quizzes.models.rollups)."""

from ..models import RollupRun


def rollup_last_run() -> RollupRun | None:
    """The latest finished run: its `finished_at` is when the dashboards'
    figures were last computed. None before the first run."""
    return RollupRun.objects.filter(status=RollupRun.Status.DONE).order_by("-finished_at").first()
