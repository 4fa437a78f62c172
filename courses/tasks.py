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


def certification_check(person_id: int) -> int:
    """Issue the certificates a person now qualifies for (after a completion,
    an exam, an enrolment). Returns how many were issued."""
    from .services.certification import certification_check as check

    return len(check(person_id=person_id))


def certificate_expiry_notices(today: str | None = None) -> int:
    """Each morning: the notices 60 and 14 days before a certificate expires."""
    import datetime

    from .services.certification import expiry_notices_send

    return expiry_notices_send(today=datetime.date.fromisoformat(today) if today else None)
