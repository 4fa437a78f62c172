"""The drills page's reads, written out once per database (rowsql): the open,
listed drills whose audience takes the person in (or that have none), each
with whether the person has an attempt in progress at it, in one statement;
and the person's recent attempts with their drills. Built by the ORM, they
cost more CPU to build than the database spent on them."""

import functools
from datetime import datetime

from django.db import connections, router

from people.models import Person
from rowsql import Table, table
from rowsql import cursor as cursor_for

from ..models import Attempt, AttemptStatus, Drill
from .drill_rows import audience_takes_in, own_unit_paths, sql_name


@functools.cache
def _listed_query(db: str, levels: int) -> tuple[str, Table]:
    drill = table(Drill, "d", db)
    attempt = {f: sql_name(db, Attempt, f) for f in ("drill", "person", "status", "deadline")}
    sql = (
        f"SELECT {', '.join(drill.columns)}, "  # noqa: S608 (names, not input)
        f"EXISTS (SELECT 1 FROM {sql_name(db, Attempt)} a WHERE a.{attempt['drill']} = "
        f"{drill.column('id')} AND a.{attempt['person']} = %s AND a.{attempt['status']} = %s "
        f"AND (a.{attempt['deadline']} IS NULL OR a.{attempt['deadline']} >= %s)) "
        f"FROM {sql_name(db, Drill)} d "
        f"WHERE {drill.column('is_active')} = %s AND {drill.column('listed')} = %s "
        f"AND {audience_takes_in(db, drill, levels)} "
        f"ORDER BY {drill.column('title')}, {drill.column('id')}"
    )
    return sql, drill


def listed_drills_for(person: Person, *, open_since: datetime) -> list[Drill]:
    """The open, listed drills this person may take, by title, each with
    `is_open_attempt`: whether the person has an attempt in progress at it
    whose deadline is not before `open_since` (or that has none)."""
    db = router.db_for_read(Drill)
    paths = own_unit_paths(person)
    sql, drill = _listed_query(db, len(paths))
    since = connections[db].ops.adapt_datetimefield_value(open_since)
    params = [person.pk, AttemptStatus.IN_PROGRESS.value, since, True, True, *paths]
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    drills = []
    for row in rows:
        each = drill.instance(db, row[:-1])
        each.is_open_attempt = bool(row[-1])
        drills.append(each)
    return drills


@functools.cache
def _recent_query(db: str) -> tuple[str, Table, Table]:
    attempt, drill = table(Attempt, "a", db), table(Drill, "d", db)
    sql = (
        f"SELECT {', '.join(attempt.columns)}, {', '.join(drill.columns)} "  # noqa: S608
        f"FROM {sql_name(db, Attempt)} a LEFT OUTER JOIN {sql_name(db, Drill)} d "
        f"ON {drill.column('id')} = {attempt.column('drill')} "
        f"WHERE {attempt.column('person')} = %s "
        f"ORDER BY {attempt.column('started_at')} DESC, {attempt.column('id')} DESC LIMIT %s"
    )
    return sql, attempt, drill


def recent_attempts_of(person: Person, *, limit: int) -> list[Attempt]:
    """The person's latest `limit` attempts, newest first, each with its drill
    (None for a review of the due queue) read in the same statement."""
    db = router.db_for_read(Attempt)
    sql, attempt, drill = _recent_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [person.pk, limit])
        rows = cursor.fetchall()
    width = len(attempt.names)
    drill_field = Attempt._meta.get_field("drill")
    attempts = []
    for row in rows:
        each = attempt.instance(db, row[:width])
        drill_field.set_cached_value(each, drill.instance(db, row[width:]))
        attempts.append(each)
    return attempts
