"""The manager dashboard's earliest follow-up tasks due and how many there
are, in one statement written out here (rowsql). Built by the ORM (the tasks
picked by person, date and readable course, then joined to their people,
course titles and owners) the query cost about 2 ms of CPU to compile and
a second one to count, for a database answer of a tenth of that."""

import functools
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..models import FollowUpTask


def _related(model, field: str):
    return model._meta.get_field(field).related_model


def _page_model():
    return _related(FollowUpTask, "course")._meta.get_field("page_ptr").related_model


@functools.cache
def _joined(db: str) -> tuple[str, str, tuple[Table, ...]]:
    """(the SELECT list, the joins onto the picked tasks, their tables)."""
    person_model = _related(FollowUpTask, "person")
    user_model = _related(FollowUpTask, "owner")
    tasks, people, owners, owner_people = tables = (
        table(FollowUpTask, "t", db),
        table(person_model, "p", db),
        table(user_model, "u", db),
        table(person_model, "o", db),
    )
    course = table(_page_model(), "c", db)
    name = connections[db].ops.quote_name
    select = ", ".join(c for each in tables for c in each.columns)
    joins = (
        f"INNER JOIN {name(FollowUpTask._meta.db_table)} t ON {tasks.column('id')} = picked.id "
        f"INNER JOIN {name(person_model._meta.db_table)} p "
        f"ON {people.column('id')} = {tasks.column('person')} "
        f"INNER JOIN {name(_page_model()._meta.db_table)} c "
        f"ON {course.column('id')} = {tasks.column('course')} "
        f"LEFT OUTER JOIN {name(user_model._meta.db_table)} u "
        f"ON {owners.column('id')} = {tasks.column('owner')} "
        f"LEFT OUTER JOIN {name(person_model._meta.db_table)} o "
        f"ON {owner_people.column('user')} = {owners.column('id')} "
    )
    return f"{select}, {course.column('title')}, picked.total", joins, tables


def _outside(db: str, column: str, hidden: list[str]) -> tuple[str, list]:
    """SQL that `column` (a tree path) lies under none of the `hidden` paths."""
    if connections[db].vendor == "postgresql":  # one statement whatever their number
        return f"NOT ({column} LIKE ANY(%s))", [[f"{path}%" for path in hidden]]
    likes = " OR ".join([f"{column} LIKE %s"] * len(hidden))
    return f"NOT ({likes})", [f"{path}%" for path in hidden]


def followup_due_first_rows(
    people, hidden: list[str], *, due_by: date, limit: int
) -> tuple[list[FollowUpTask], int]:
    """The first `limit` open tasks of `people` (a queryset) due by `due_by`,
    of courses under none of the `hidden` tree paths, earliest first, each with
    its person, owner (and the owner's person) and `course_title`; and how many
    such tasks there are. The tasks are picked on their own table (through the
    person index) and counted there, before the rest is joined to `limit` rows."""
    db = router.db_for_read(FollowUpTask)
    select, joins, tables = _joined(db)
    name = connections[db].ops.quote_name
    picked, page = table(FollowUpTask, "v", db), table(_page_model(), "k", db)
    try:
        people_sql, people_params = people.values("pk").order_by().query.get_compiler(db).as_sql()
    except EmptyResultSet:  # nobody (an empty list of ids): no task
        return [], 0
    readable, readable_params = "", []
    if hidden:
        outside, readable_params = _outside(db, page.column("path"), hidden)
        readable = (
            f"AND EXISTS (SELECT 1 FROM {name(_page_model()._meta.db_table)} k "
            f"WHERE {page.column('id')} = {picked.column('course')} AND {outside}) "
        )
    due_on, pk = picked.column("due_on"), picked.column("id")
    sql = (
        f"SELECT {select} FROM ("  # noqa: S608 (names and the people's compiled query)
        f"SELECT {pk} AS id, {due_on} AS due_on, COUNT(*) OVER () AS total "
        f"FROM {name(FollowUpTask._meta.db_table)} v "
        f"WHERE {picked.column('person')} IN ({people_sql}) "
        f"AND {picked.column('done_at')} IS NULL AND {due_on} <= %s {readable}"
        f"ORDER BY {due_on}, {pk} LIMIT %s) picked {joins}"
        f"ORDER BY picked.due_on, picked.id"
    )
    with cursor_for(db) as cursor:
        cursor.execute(sql, [*people_params, due_by, *readable_params, limit])
        rows = cursor.fetchall()
    to_person, to_owner = (FollowUpTask._meta.get_field(f) for f in ("person", "owner"))
    owners_person = tables[3].model._meta.get_field("user").remote_field
    found = []
    for row in rows:
        task, person, owner, owner_person = split(row[:-2], tables, db)
        to_person.set_cached_value(task, person)
        to_owner.set_cached_value(task, owner)
        if owner is not None:
            owners_person.set_cached_value(owner, owner_person)
        task.course_title = row[-2]
        found.append(task)
    return found, (rows[0][-1] if rows else 0)
