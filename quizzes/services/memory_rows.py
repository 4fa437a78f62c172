"""The two statements that move a person's memory states on at a finish
(memory.memory_record_answers), written out here rather than built by the
ORM: its two bulk_create calls and the locking SELECT cost about a quarter
of a finish's CPU, several times what they cost the database. The states
are made and locked by one statement (states_claimed), then written back.

INSERT ... ON CONFLICT ... RETURNING is PostgreSQL's and SQLite's (3.35 and
later) alike."""

import functools
from datetime import datetime

from django.db import connections, router

from rowsql import cursor as cursor_for
from rowsql import table
from rowsql.inserts import insert_params, insert_sql

from ..models import MemoryState

_UNIQUE = ("person", "question")


def _db():
    return router.db_for_write(MemoryState)


@functools.cache
def _write_query(db: str, count: int, update_fields: tuple[str, ...]) -> str:
    name = connections[db].ops.quote_name
    unique = ", ".join(name(MemoryState._meta.get_field(f).column) for f in _UNIQUE)
    columns = [name(MemoryState._meta.get_field(f).column) for f in update_fields]
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
    return insert_sql(
        MemoryState,
        MemoryState._meta.concrete_fields,
        count,
        db,
        tail=f"ON CONFLICT ({unique}) DO UPDATE SET {sets}",
    )


def states_write(states: list[MemoryState], *, update_fields: list[str]) -> None:
    """Write existing (locked) states back, `update_fields` of each, in one statement."""
    db = _db()
    fields = MemoryState._meta.concrete_fields
    names = [field.attname for field in fields]
    rows = [[getattr(state, name) for name in names] for state in states]
    sql = _write_query(
        db, len(states) if connections[db].vendor != "postgresql" else 0, tuple(update_fields)
    )
    with cursor_for(db) as cursor:
        cursor.execute(sql, insert_params(fields, rows, db))


@functools.cache
def _claim_query(db: str, count: int) -> tuple[str, tuple]:
    name = connections[db].ops.quote_name
    states = table(MemoryState, "m", db)
    fields = tuple(f for f in MemoryState._meta.concrete_fields if not f.primary_key)
    unique = ", ".join(name(MemoryState._meta.get_field(f).column) for f in _UNIQUE)
    retention = name(MemoryState._meta.get_field("desired_retention").column)
    returned = ", ".join(column.split(".", 1)[1] for column in states.columns)
    tail = (
        f"ON CONFLICT ({unique}) DO UPDATE SET {retention} = EXCLUDED.{retention} "
        f"RETURNING {returned}"
    )
    return insert_sql(MemoryState, fields, count, db, tail=tail), fields


def states_claimed(
    *, person_id: int, due: dict[int, datetime], desired_retention: float
) -> list[MemoryState]:
    """The person's states of the questions of `due` ({question id: the due
    time of a state made now}), made where there are none and locked
    (PostgreSQL) until the transaction ends, in one statement: an INSERT
    whose conflicting rows take the new desired retention instead, and come
    back with what they hold. Rows are claimed in the order of their
    questions, so two finishes lock in one order; a first answer racing
    another waits for it and comes back with its state."""
    db = _db()
    states = table(MemoryState, "m", db)
    sql, fields = _claim_query(db, len(due) if connections[db].vendor != "postgresql" else 0)
    template = MemoryState(person_id=person_id, desired_retention=desired_retention)
    constant = {field.attname: getattr(template, field.attname) for field in fields}
    rows = []
    for question_id in sorted(due):
        values = {**constant, "question_id": question_id, "due": due[question_id]}
        rows.append([values[field.attname] for field in fields])
    with cursor_for(db) as cursor:
        cursor.execute(sql, insert_params(fields, rows, db))
        return [states.instance(db, found) for found in cursor.fetchall()]
