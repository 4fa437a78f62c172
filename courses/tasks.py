"""Background jobs of the courses app: plain functions that call one service."""


def followup_checkpoints_open() -> dict:
    """Each morning: assign the retention drills of the follow-up checkpoints
    that have come, and record their mastery from the nightly snapshots."""
    from .services.followup import checkpoint_measures_take, checkpoints_open

    return {"opened": checkpoints_open(), "measured": checkpoint_measures_take()}


def followup_tasks_nudge() -> dict:
    """Each morning: nudge the owners of overdue follow-up tasks, then escalate."""
    from .services.followup_nudges import followup_tasks_nudge as nudge

    nudged, escalated = nudge()
    return {"nudged": nudged, "escalated": escalated}
