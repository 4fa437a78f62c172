"""The three statements that move a person's memory states on at a finish
(memory.memory_record_answers), written out here rather than built by the
ORM: its two bulk_create calls and the locking SELECT cost about a quarter
of a finish's CPU, several times what they cost the database.

INSERT ... ON CONFLICT is PostgreSQL's and SQLite's (3.24 and later) alike."""

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


def states_make(states: list[MemoryState]) -> None:
    """Insert the states whose (person, question) has none yet; leave the others."""
    fields = [f for f in MemoryState._meta.concrete_fields if not f.primary_key]
    _insert(states, fields=fields, conflict="DO NOTHING")


def states_write(states: list[MemoryState], *, update_fields: list[str]) -> None:
    """Write existing (locked) states back, `update_fields` of each, in one statement."""
    name = connections[_db()].ops.quote_name
    columns = [name(MemoryState._meta.get_field(f).column) for f in update_fields]
    _insert(
        states,
        fields=list(MemoryState._meta.concrete_fields),
        conflict="DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in columns),
    )


def states_locked(*, person_id: int, question_ids: list[int]) -> list[MemoryState]:
    """The person's states of these questions, locked for update (PostgreSQL),
    in the order of their questions: two finishes lock in one order."""
    db = _db()
    connection = connections[db]
    name = connection.ops.quote_name
    states = table(MemoryState, "m", db)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = (
        f"SELECT {', '.join(states.columns)} FROM {name(MemoryState._meta.db_table)} m "  # noqa: S608
        f"WHERE {states.column('person')} = %s AND {states.column('question')} IN "
        f"({', '.join(['%s'] * len(question_ids))}) "
        f"ORDER BY {states.column('question')}{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [person_id, *question_ids])
        return [states.instance(db, row) for row in cursor.fetchall()]
