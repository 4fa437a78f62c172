"""A drill's attempts moving its training plans on, written out once per
database (rowsql's way): every morning drill's start and finish runs one of
these, and built by the ORM (an UPDATE over a join) it cost about 1.5 ms of
the request's CPU, ten times what the database spends on it. The rule is
plan_progress's: open assignments (not withdrawn) that have started by then."""

import functools
from datetime import datetime

from django.db import connections, router
from django.utils import timezone

from ..models import PlanAssignee, PlanAssignment


@functools.cache
def _update(db: str, *, complete: bool) -> str:
    name = connections[db].ops.quote_name

    def column(model, field: str) -> str:
        return name(model._meta.get_field(field).column)

    started, completed = column(PlanAssignee, "started_at"), column(PlanAssignee, "completed_at")
    if complete:  # started too when it was not (a pass before any start was seen)
        sets = f"{started} = COALESCE({started}, %s), {completed} = %s"
        open_row = f"{completed} IS NULL"
    else:
        sets = f"{started} = %s"
        open_row = f"{started} IS NULL"
    return (
        f"UPDATE {name(PlanAssignee._meta.db_table)} SET {sets} "  # noqa: S608 (names, not input)
        f"WHERE {column(PlanAssignee, 'person')} = %s AND {open_row} "
        f"AND {column(PlanAssignee, 'assignment')} IN "
        f"(SELECT {column(PlanAssignment, 'id')} FROM {name(PlanAssignment._meta.db_table)} "
        f"WHERE {column(PlanAssignment, 'drill')} = %s "
        f"AND {column(PlanAssignment, 'withdrawn_at')} IS NULL "
        f"AND {column(PlanAssignment, 'starts_on')} <= %s)"
    )


def drill_plans_move(*, person_id: int, drill_id: int, at: datetime, complete: bool) -> int:
    """Mark the person's open assignments of the drill started (or completed)
    at `at`; returns how many rows changed."""
    db = router.db_for_write(PlanAssignee)
    connection = connections[db]
    when = PlanAssignee._meta.get_field("started_at").get_db_prep_save(at, connection)
    day = PlanAssignment._meta.get_field("starts_on").get_db_prep_save(
        timezone.localdate(at), connection
    )
    params = [when, when] if complete else [when]
    with connection.cursor() as cursor:
        cursor.execute(_update(db, complete=complete), [*params, person_id, drill_id, day])
        return cursor.rowcount
