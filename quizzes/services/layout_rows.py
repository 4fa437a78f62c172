"""The two statements of an answer saved from its attempt's layout
(attempt_layouts): the read of the layout, once per attempt and process, and
the one write that keeps an answer, proving as it writes everything the
two-statement save (answer_rows) proves by reading first. Written out once
per database (rowsql)."""

import functools

from django.contrib.sessions.models import Session
from django.db import connections, router

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..models import Attempt, AttemptItem, AttemptStatus, Drill, Question, QuestionVersion
from ..selectors.drill_rows import sql_name


def _person_and_user():
    person = Attempt._meta.get_field("person").related_model  # people's Person
    return person, person._meta.get_field("user").related_model


@functools.cache
def _layout_query(db: str) -> tuple[str, tuple[Table, ...]]:
    tables = (
        table(AttemptItem, "i", db),
        table(Attempt, "a", db),
        table(Drill, "d", db),
        table(QuestionVersion, "v", db),
        table(Question, "q", db),
    )
    item, attempt, drill, version, question = tables
    person, user = _person_and_user()

    def joined(each: Table) -> str:
        return f"{sql_name(db, each.model)} {each.alias}"

    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)}, "  # noqa: S608
        f"u.{sql_name(db, user, 'password')} "
        f"FROM {joined(item)} "
        f"INNER JOIN {joined(attempt)} ON {attempt.column('id')} = {item.column('attempt')} "
        f"INNER JOIN {sql_name(db, person)} p "
        f"ON p.{sql_name(db, person, 'id')} = {attempt.column('person')} "
        f"INNER JOIN {sql_name(db, user)} u "
        f"ON u.{sql_name(db, user, 'id')} = p.{sql_name(db, person, 'user')} "
        f"LEFT OUTER JOIN {joined(drill)} ON {drill.column('id')} = {attempt.column('drill')} "
        f"INNER JOIN {joined(version)} ON {version.column('id')} = {item.column('version')} "
        f"INNER JOIN {joined(question)} ON {question.column('id')} = {item.column('question')} "
        f"WHERE {item.column('attempt')} = %s AND u.{sql_name(db, user, 'id')} = %s "
        f"ORDER BY {item.column('position')}"
    )
    return sql, tables


def layout_rows(*, attempt_id: int, user_id: int) -> tuple[list, str] | None:
    """The items of the user's attempt, in order, each as (item, attempt,
    drill or None, version, question) as read now, and the user's password
    hash; None when the attempt is not theirs (or has no items)."""
    db = router.db_for_read(AttemptItem)
    sql, tables = _layout_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [attempt_id, user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    return [split(row[:-1], tables, db) for row in rows], rows[0][-1]


@functools.cache
def _answers_query(db: str) -> tuple[str, Table]:
    item = table(AttemptItem, "i", db)
    sql = (
        f"SELECT {', '.join(item.columns)} FROM {sql_name(db, AttemptItem)} i "  # noqa: S608
        f"WHERE {item.column('attempt')} = %s ORDER BY {item.column('position')}"
    )
    return sql, item


def answers_of_attempt(attempt_id: int) -> list[AttemptItem]:
    """The attempt's items in order, as read now, without their questions
    and versions (a layout has them)."""
    db = router.db_for_read(AttemptItem)
    sql, item = _answers_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [attempt_id])
        return [item.instance(db, row) for row in cursor.fetchall()]


@functools.cache
def _known_write_query(db: str, *, recall: bool, drill: bool, by_token: bool) -> str:
    connection = connections[db]
    person, user = _person_and_user()
    item, attempt = AttemptItem, Attempt

    def column(model, field: str) -> str:
        return sql_name(db, model, field)

    # The attempt's row is read under a share lock on PostgreSQL, as by the
    # two-statement save (answer_rows.answer_write; why: attempts._keep_answer).
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    revealed = f" AND {column(item, 'revealed_at')} IS NOT NULL" if recall else ""
    # What the save read of the drill is as the layout has it: the choices'
    # order, when results show, and no question with a clock of its own.
    drill_unchanged = (
        f" AND {column(attempt, 'drill')} IN (SELECT {column(Drill, 'id')} "
        f"FROM {sql_name(db, Drill)} WHERE {column(Drill, 'id')} = %s "
        f"AND {column(Drill, 'shuffle_choices')} = %s AND {column(Drill, 'feedback')} = %s "
        f"AND COALESCE({column(Drill, 'time_per_question')}, 0) = 0)"
        if drill
        else f" AND {column(attempt, 'drill')} IS NULL"
    )
    # An answer token's user: still signed in by that session, still active,
    # with the password the token was checked against (answer_tokens).
    signed_in = (
        f" AND EXISTS (SELECT 1 FROM {sql_name(db, user)} "
        f"WHERE {column(user, 'id')} = %s AND {column(user, 'is_active')} = %s "
        f"AND {column(user, 'password')} = %s) "
        f"AND EXISTS (SELECT 1 FROM {sql_name(db, Session)} "
        f"WHERE {column(Session, 'session_key')} = %s AND {column(Session, 'expire_date')} > %s)"
        if by_token
        else ""
    )
    return (
        f"UPDATE {sql_name(db, item)} "  # noqa: S608 (names, not input)
        f"SET {column(item, 'response')} = %s, {column(item, 'score')} = %s, "
        f"{column(item, 'answered_at')} = %s "
        f"WHERE {column(item, 'id')} = %s AND {column(item, 'answered_at')} IS NULL{revealed} "
        f"AND {column(item, 'attempt')} IN (SELECT {column(attempt, 'id')} "
        f"FROM {sql_name(db, attempt)} WHERE {column(attempt, 'id')} = %s "
        f"AND {column(attempt, 'status')} = %s AND {column(attempt, 'started_at')} = %s "
        f"AND {column(attempt, 'person')} IN (SELECT {column(person, 'id')} "
        f"FROM {sql_name(db, person)} WHERE {column(person, 'user')} = %s)"
        f"{drill_unchanged}{lock}){signed_in}"
    )


def known_answer_write(
    *,
    item_id: int,
    attempt: Attempt,
    recall: bool,
    user_id: int,
    response: dict,
    score: float,
    now,
    signed_in: tuple[str, str] | None = None,
) -> bool:
    """Write an answer unless the question is answered (or, a recall card,
    not yet revealed), the attempt is no longer open or not the user's, its
    drill no longer as `attempt.drill` has it, or (`signed_in`: the password
    hash and session key of an answer token) the user no longer signed in by
    that session with that password; False when it was not written."""
    db = router.db_for_write(AttemptItem)
    connection = connections[db]
    fields = AttemptItem._meta
    drill = attempt.drill
    params = [
        fields.get_field("response").get_db_prep_save(response, connection),
        score,
        fields.get_field("answered_at").get_db_prep_save(now, connection),
        item_id,
        attempt.pk,
        AttemptStatus.IN_PROGRESS.value,
        Attempt._meta.get_field("started_at").get_db_prep_save(attempt.started_at, connection),
        user_id,
    ]
    if drill is not None:
        params += [drill.pk, drill.shuffle_choices, drill.feedback]
    if signed_in is not None:
        password, session_key = signed_in
        expire_date = Session._meta.get_field("expire_date")
        params += [
            user_id,
            True,
            password,
            session_key,
            expire_date.get_db_prep_value(now, connection),
        ]
    sql = _known_write_query(
        db, recall=recall, drill=drill is not None, by_token=signed_in is not None
    )
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount > 0
