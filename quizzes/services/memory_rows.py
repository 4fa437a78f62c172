"""The two statements that move a person's memory states on at a finish
(memory.memory_record_answers), written out here rather than built by the
ORM: its two bulk_create calls and the locking SELECT cost about a quarter
of a finish's CPU, several times what they cost the database. The states
are made and locked by one statement (states_claimed), then written back.

INSERT ... ON CONFLICT ... RETURNING is PostgreSQL's and SQLite's (3.35 and
later) alike."""

from datetime import datetime

from django.db import connections, router

from rowsql import table

from ..models import MemoryState

_UNIQUE = ("person", "question")


def _db():
    return router.db_for_write(MemoryState)


def _insert(states: list[MemoryState], *, fields, conflict: str) -> None:
    db = _db()
    connection = connections[db]
    name = connection.ops.quote_name
    unique = ", ".join(name(MemoryState._meta.get_field(f).column) for f in _UNIQUE)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [
        field.get_db_prep_save(field.pre_save(state, True), connection)
        for state in states
        for field in fields
    ]
    sql = (
        f"INSERT INTO {name(MemoryState._meta.db_table)} "
        f"({', '.join(name(field.column) for field in fields)}) "
        f"VALUES {', '.join([row] * len(states))} ON CONFLICT ({unique}) {conflict}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def states_write(states: list[MemoryState], *, update_fields: list[str]) -> None:
    """Write existing (locked) states back, `update_fields` of each, in one statement."""
    name = connections[_db()].ops.quote_name
    columns = [name(MemoryState._meta.get_field(f).column) for f in update_fields]
    _insert(
        states,
        fields=list(MemoryState._meta.concrete_fields),
        conflict="DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in columns),
    )


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
    connection = connections[db]
    name = connection.ops.quote_name
    states = table(MemoryState, "m", db)
    fields = [f for f in MemoryState._meta.concrete_fields if not f.primary_key]
    template = MemoryState(person_id=person_id, desired_retention=desired_retention)
    per_row = {"question_id", "due"}
    constant = {
        field.attname: field.get_db_prep_save(getattr(template, field.attname), connection)
        for field in fields
        if field.attname not in per_row
    }
    due_field = MemoryState._meta.get_field("due")
    params = []
    for question_id in sorted(due):
        values = {
            **constant,
            "question_id": question_id,
            "due": due_field.get_db_prep_save(due[question_id], connection),
        }
        params.extend(values[field.attname] for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    unique = ", ".join(name(MemoryState._meta.get_field(f).column) for f in _UNIQUE)
    retention = name(MemoryState._meta.get_field("desired_retention").column)
    returned = ", ".join(column.split(".", 1)[1] for column in states.columns)
    sql = (
        f"INSERT INTO {name(MemoryState._meta.db_table)} "
        f"({', '.join(name(field.column) for field in fields)}) "
        f"VALUES {', '.join([row] * len(due))} ON CONFLICT ({unique}) "
        f"DO UPDATE SET {retention} = EXCLUDED.{retention} RETURNING {returned}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [states.instance(db, found) for found in cursor.fetchall()]
