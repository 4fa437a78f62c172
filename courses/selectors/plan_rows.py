"""A person's open, undone plan assignments that have started, in one
statement written out once per database (rowsql). Every trainee's home page
asks it; built by the ORM (the assignee with its assignment, drill and status
expression) it cost about 2.5 ms of CPU to compile, for a database answer of a
fraction of that, most often an empty one."""

import functools
from datetime import date

from django.db import connections, router

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..models import PlanAssignee, PlanAssignment
from .plans import AssigneeStatus


@functools.cache
def _open_query(db: str) -> tuple[str, tuple[Table, ...]]:
    drill_model = PlanAssignment._meta.get_field("drill").related_model
    assignees, assignments, drills = tables = (
        table(PlanAssignee, "p", db),
        table(PlanAssignment, "a", db),
        table(drill_model, "d", db),
    )
    name = connections[db].ops.quote_name
    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)} "  # noqa: S608 (names)
        f"FROM {name(PlanAssignee._meta.db_table)} p "
        f"INNER JOIN {name(PlanAssignment._meta.db_table)} a "
        f"ON {assignments.column('id')} = {assignees.column('assignment')} "
        f"LEFT OUTER JOIN {name(drill_model._meta.db_table)} d "
        f"ON {drills.column('id')} = {assignments.column('drill')} "
        f"WHERE {assignees.column('person')} = %s AND {assignees.column('completed_at')} IS NULL "
        f"AND {assignments.column('withdrawn_at')} IS NULL "
        f"AND {assignments.column('starts_on')} <= %s "
        f"ORDER BY {assignments.column('due_on')}, {assignees.column('id')} LIMIT %s"
    )
    return sql, tables


def _status(assignee: PlanAssignee, today: date) -> str:
    """assignee_status_expression's value for an undone assignee."""
    if assignee.assignment.due_on < today:
        return AssigneeStatus.OVERDUE
    if assignee.started_at is not None:
        return AssigneeStatus.IN_PROGRESS
    return AssigneeStatus.NOT_STARTED


def open_assignees_of(person, *, today: date, limit: int) -> list[PlanAssignee]:
    """The person's undone assignees of assignments neither withdrawn nor
    starting after `today`, the earliest due first, at most `limit`, each with
    its assignment (and the assignment's drill) and its `status` as
    assignees_with_status annotates it."""
    db = router.db_for_read(PlanAssignee)
    sql, tables = _open_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [person.pk, today, limit])
        rows = cursor.fetchall()
    to_assignment = PlanAssignee._meta.get_field("assignment")
    to_drill = PlanAssignment._meta.get_field("drill")
    to_person = PlanAssignee._meta.get_field("person")
    found = []
    for row in rows:
        assignee, assignment, drill = split(row, tables, db)
        to_drill.set_cached_value(assignment, drill)
        to_assignment.set_cached_value(assignee, assignment)
        to_person.set_cached_value(assignee, person)
        assignee.status = _status(assignee, today)
        found.append(assignee)
    return found
