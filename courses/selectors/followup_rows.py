"""A person's own open follow-up tasks (their reaction surveys and retention
drills) and how many there are, in one statement written out once per
database (rowsql). Every trainee's home page asks it; built by the ORM, its
query (the task with its assignment and owner) cost about 2 ms of CPU to
compile, for a database answer that takes a fraction of that, most often
an empty one."""

import functools
from datetime import date

from django.db import connections, router

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..models import FollowUpTask


def _related(field: str):
    return FollowUpTask._meta.get_field(field).related_model


@functools.cache
def _own_query(db: str, kinds: int) -> tuple[str, tuple[Table, ...]]:
    tasks, assignments, owners = tables = (
        table(FollowUpTask, "t", db),
        table(_related("assignment"), "a", db),
        table(_related("owner"), "o", db),
    )
    name = connections[db].ops.quote_name
    kind_markers = ", ".join(["%s"] * kinds)
    # COUNT(*) OVER (): the number of every matching task, before the LIMIT.
    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)}, "  # noqa: S608 (names)
        f"COUNT(*) OVER () FROM {name(FollowUpTask._meta.db_table)} t "
        f"LEFT OUTER JOIN {name(_related('assignment')._meta.db_table)} a "
        f"ON {assignments.column('id')} = {tasks.column('assignment')} "
        f"LEFT OUTER JOIN {name(_related('owner')._meta.db_table)} o "
        f"ON {owners.column('id')} = {tasks.column('owner')} "
        f"WHERE {tasks.column('person')} = %s AND {tasks.column('done_at')} IS NULL "
        f"AND {tasks.column('kind')} IN ({kind_markers}) "
        f"AND ({tasks.column('checkpoint_days')} = 0 OR ({tasks.column('checkpoint_days')} > 0 "
        f"AND {tasks.column('due_on')} <= %s)) "
        f"ORDER BY {tasks.column('due_on')}, {tasks.column('id')} LIMIT %s"
    )
    return sql, tables


def own_open_tasks(
    person, *, kinds: list[str], opened_by: date, limit: int
) -> tuple[list[FollowUpTask], int]:
    """The person's open tasks of these kinds whose checkpoint opened by
    `opened_by` (or with no checkpoint: the survey), the earliest due first,
    at most `limit`, each with its person (this one), assignment and owner;
    and how many there are in all."""
    db = router.db_for_read(FollowUpTask)
    sql, tables = _own_query(db, len(kinds))
    with cursor_for(db) as cursor:
        cursor.execute(sql, [person.pk, *map(str, kinds), opened_by, limit])
        rows = cursor.fetchall()
    fields = [FollowUpTask._meta.get_field(name) for name in ("person", "assignment", "owner")]
    found = []
    for row in rows:
        task, assignment, owner = split(row[:-1], tables, db)
        for field, value in zip(fields, (person, assignment, owner), strict=True):
            field.set_cached_value(task, value)
        found.append(task)
    return found, (rows[0][-1] if rows else 0)
