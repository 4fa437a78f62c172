"""Background jobs of the courses app: plain functions that call one service."""


def refresher_assignments(refresher_id: int) -> None:
    """The assignments of a refresher drill sent to many people (effectiveness)."""
    from .services.refresher import refresher_assignments_make

    refresher_assignments_make(refresher_id=refresher_id)


def run_training_plans(today: str | None = None) -> dict:
    """The daily work of training plans; `today` (YYYY-MM-DD) runs it as of another day."""
    import datetime

    from .services.plan_schedule import plans_daily_run

    return plans_daily_run(today=datetime.date.fromisoformat(today) if today else None)
