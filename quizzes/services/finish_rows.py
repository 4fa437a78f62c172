"""The attempt's two statements at a finish, written out once per database
(rowsql): the attempt locked with its drill, found through the signed-in
user (or the one an answer token names), and the write of its grade. Built
by the ORM (a join through the person, select_for_update, a save of four
fields) they cost about 1.5 ms of a finish's CPU, several times what
running them costs the database.

No signal is sent for the grade's write, as none was listened to: a
finish is announced by attempt_finished."""

import functools

from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..answer_tokens import AnswerToken
from ..models import Attempt, Drill

GRADE_FIELDS = ("score", "passed", "status", "finished_at")


@functools.cache
def _locked_query(db: str, *, by_token: bool = False) -> tuple[str, tuple[Table, ...]]:
    tables = (table(Attempt, "a", db), table(Drill, "d", db))
    attempt, drill = tables
    connection = connections[db]
    name = connection.ops.quote_name
    person = Attempt._meta.get_field("person").related_model  # people's Person
    user = person._meta.get_field("user").related_model
    lock = " FOR UPDATE OF a" if connection.features.has_select_for_update_of else ""
    # An answer token's user: still active and signed in by that session; the
    # password comes back to be checked against the token's digest.
    signed_in = (
        f"INNER JOIN {name(user._meta.db_table)} u "
        f"ON u.{name(user._meta.pk.column)} = p.{name(person._meta.get_field('user').column)} "
        f"AND u.{name(user._meta.get_field('is_active').column)} = %s "
        f"AND EXISTS (SELECT 1 FROM {name(Session._meta.db_table)} "
        f"WHERE {name(Session._meta.get_field('session_key').column)} = %s "
        f"AND {name(Session._meta.get_field('expire_date').column)} > %s) "
        if by_token
        else ""
    )
    password = f", u.{name(user._meta.get_field('password').column)}" if by_token else ""
    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)}{password} "  # noqa: S608
        f"FROM {name(Attempt._meta.db_table)} a "
        f"INNER JOIN {name(person._meta.db_table)} p "
        f"ON p.{name(person._meta.pk.column)} = {attempt.column('person')} "
        f"{signed_in}"
        f"LEFT OUTER JOIN {name(Drill._meta.db_table)} d "
        f"ON {drill.column('id')} = {attempt.column('drill')} "
        f"WHERE {attempt.column('id')} = %s "
        f"AND p.{name(person._meta.get_field('user').column)} = %s{lock}"
    )
    return sql, tables


def attempt_of_user_locked(
    *, attempt_id: int, user=None, token: AnswerToken | None = None, now=None
) -> Attempt | None:
    """The attempt `attempt_id` of the user (or of the one an answer token
    names, still signed in by its session, active, with the password it was
    checked against) with its drill, locked for update (PostgreSQL) until
    the transaction ends; None when it is not theirs."""
    db = router.db_for_write(Attempt)
    sql, tables = _locked_query(db, by_token=token is not None)
    params = [attempt_id, user.pk if token is None else token.user_id]
    if token is not None:
        expire_date = Session._meta.get_field("expire_date")
        moment = expire_date.get_db_prep_value(now or timezone.now(), connections[db])
        params = [True, token.session_key, moment, *params]
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    if token is not None:
        *row, password = row
        if not token.password_matches(password):
            return None
    attempt, drill = split(row, tables, db)
    Attempt._meta.get_field("drill").set_cached_value(attempt, drill)
    return attempt


@functools.cache
def _grade_query(db: str) -> str:
    name = connections[db].ops.quote_name

    def column(field: str) -> str:
        return name(Attempt._meta.get_field(field).column)

    sets = ", ".join(f"{column(field)} = %s" for field in GRADE_FIELDS)
    return f"UPDATE {name(Attempt._meta.db_table)} SET {sets} WHERE {column('id')} = %s"  # noqa: S608


def attempt_grade_write(attempt: Attempt) -> None:
    """Write the attempt's score, pass, status and finish time."""
    db = router.db_for_write(Attempt)
    connection = connections[db]
    fields = Attempt._meta
    params = [
        fields.get_field(field).get_db_prep_save(getattr(attempt, field), connection)
        for field in GRADE_FIELDS
    ]
    with cursor_for(db) as cursor:
        cursor.execute(_grade_query(db), [*params, attempt.pk])
