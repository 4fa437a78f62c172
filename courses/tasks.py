"""Background jobs of the courses app: plain functions that call one service."""


def refresher_assignments(refresher_id: int) -> None:
    """The assignments of a refresher drill sent to many people (effectiveness)."""
    from .services.refresher import refresher_assignments_make

    refresher_assignments_make(refresher_id=refresher_id)
