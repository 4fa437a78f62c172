"""The two statements of an answer's save (and of showing a question): the
item with all it needs, found through the signed-in user, and the write that
keeps the answer; and the read of an attempt's items at its finish. Written out once per database (rowsql): built by the
ORM, the five-table look-up cost about half of a save's CPU, three times
what running it costs the database."""

import functools

from django.contrib.sessions.models import Session
from django.db import connections, router

from rowsql import Table, split, table
from rowsql import cursor as cursor_for

from ..answer_tokens import AnswerToken
from ..models import Attempt, AttemptItem, AttemptStatus, Drill, Question, QuestionVersion

_ITEM_MODELS = ((AttemptItem, "i"), (Attempt, "a"), (Drill, "d"), (QuestionVersion, "v"))


@functools.cache
def _item_query(db: str, by_token: bool = False) -> tuple[str, tuple[Table, ...]]:
    """The look-up through the signed-in user; `by_token`: through an answer
    token's claims instead (answer_tokens), which the query proves: the
    session exists and has not expired, the user is active, and the user's
    password hash is selected last for the token's digest to be checked."""
    tables = tuple(table(model, alias, db) for model, alias in _ITEM_MODELS) + (
        table(Question, "q", db),
    )
    item, attempt, drill, version, question = tables
    name = connections[db].ops.quote_name
    person = Attempt._meta.get_field("person").related_model  # people's Person
    persons = name(person._meta.db_table)
    person_pk = name(person._meta.pk.column)
    user_field = person._meta.get_field("user")
    person_user = name(user_field.column)
    selected = ", ".join(column for each in tables for column in each.columns)

    def joined(each: Table) -> str:
        return f"{name(each.model._meta.db_table)} {each.alias}"

    by_session = ""
    if by_token:
        users = user_field.related_model
        selected += f", u.{name(users._meta.get_field('password').column)}"
        by_session = (
            f"INNER JOIN {name(users._meta.db_table)} u "
            f"ON u.{name(users._meta.pk.column)} = p.{person_user} "
            f"AND u.{name(users._meta.get_field('is_active').column)} = %s "
            f"INNER JOIN {name(Session._meta.db_table)} s "
            f"ON s.{name(Session._meta.pk.column)} = %s "
            f"AND s.{name(Session._meta.get_field('expire_date').column)} > %s "
        )
    sql = (
        f"SELECT {selected} FROM {joined(item)} "  # noqa: S608 (names, not input)
        f"INNER JOIN {joined(attempt)} ON {attempt.column('id')} = {item.column('attempt')} "
        f"INNER JOIN {persons} p ON p.{person_pk} = {attempt.column('person')} "
        f"{by_session}"
        f"LEFT OUTER JOIN {joined(drill)} ON {drill.column('id')} = {attempt.column('drill')} "
        f"INNER JOIN {joined(version)} ON {version.column('id')} = {item.column('version')} "
        f"INNER JOIN {joined(question)} ON {question.column('id')} = {item.column('question')} "
        f"WHERE {item.column('attempt')} = %s AND {item.column('position')} = %s "
        f"AND p.{person_user} = %s"
    )
    return sql, tables


def _item_of_row(row, tables, db) -> AttemptItem:
    item, attempt, drill, version, question = split(row, tables, db)
    Attempt._meta.get_field("drill").set_cached_value(attempt, drill)
    AttemptItem._meta.get_field("attempt").set_cached_value(item, attempt)
    AttemptItem._meta.get_field("version").set_cached_value(item, version)
    AttemptItem._meta.get_field("question").set_cached_value(item, question)
    return item


def item_of_user(*, attempt_id: int, position: int, user) -> AttemptItem | None:
    """The item at `position` of the user's attempt, with its attempt (and the
    attempt's drill), version and question; None when there is none, or it is
    not theirs."""
    db = router.db_for_read(AttemptItem)
    sql, tables = _item_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [attempt_id, position, user.pk])
        row = cursor.fetchone()
    return None if row is None else _item_of_row(row, tables, db)


def item_of_token(*, position: int, token: AnswerToken, now) -> AttemptItem | None:
    """As item_of_user, for the user an answer token names, when the token
    still holds (see answer_tokens); None otherwise."""
    db = router.db_for_read(AttemptItem)
    sql, tables = _item_query(db, by_token=True)
    connection = connections[db]
    expires_after = Session._meta.get_field("expire_date").get_db_prep_value(now, connection)
    params = [True, token.session_key, expires_after, token.attempt_id, position, token.user_id]
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None or not token.password_matches(row[-1]):
        return None
    return _item_of_row(row[:-1], tables, db)


@functools.cache
def _keep_query(db: str) -> str:
    connection = connections[db]
    name = connection.ops.quote_name

    def column(model, field: str) -> str:
        return name(model._meta.get_field(field).column)

    item, attempt = AttemptItem, Attempt

    # The attempt's row is read under a share lock on PostgreSQL (see
    # attempts._keep_answer); SQLite writes one statement at a time.
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    return (
        f"UPDATE {name(AttemptItem._meta.db_table)} "  # noqa: S608 (names, not input)
        f"SET {column(item, 'response')} = %s, {column(item, 'score')} = %s, "
        f"{column(item, 'answered_at')} = %s "
        f"WHERE {column(item, 'id')} = %s AND {column(item, 'answered_at')} IS NULL "
        f"AND {column(item, 'attempt')} IN (SELECT {column(attempt, 'id')} "
        f"FROM {name(Attempt._meta.db_table)} WHERE {column(attempt, 'id')} = %s "
        f"AND {column(attempt, 'status')} = %s{lock})"
    )


def answer_write(item: AttemptItem, *, response: dict, score: float, now) -> bool:
    """Write an answer unless the question is answered or the attempt is no
    longer open; False when it was not written."""
    db = router.db_for_write(AttemptItem)
    connection = connections[db]
    fields = AttemptItem._meta
    params = [
        fields.get_field("response").get_db_prep_save(response, connection),
        score,
        fields.get_field("answered_at").get_db_prep_save(now, connection),
        item.pk,
        item.attempt_id,
        AttemptStatus.IN_PROGRESS.value,
    ]
    with cursor_for(db) as cursor:
        cursor.execute(_keep_query(db), params)
        return cursor.rowcount > 0


@functools.cache
def _items_query(db: str) -> tuple[str, tuple[Table, ...]]:
    tables = (
        table(AttemptItem, "i", db),
        table(QuestionVersion, "v", db),
        table(Question, "q", db),
    )
    item, version, question = tables
    name = connections[db].ops.quote_name

    def joined(each: Table) -> str:
        return f"{name(each.model._meta.db_table)} {each.alias}"

    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)} "  # noqa: S608
        f"FROM {joined(item)} "
        f"INNER JOIN {joined(version)} ON {version.column('id')} = {item.column('version')} "
        f"INNER JOIN {joined(question)} ON {question.column('id')} = {item.column('question')} "
        f"WHERE {item.column('attempt')} = %s ORDER BY {item.column('position')}"
    )
    return sql, tables


def items_of_attempt(attempt: Attempt) -> list[AttemptItem]:
    """The attempt's items in order, each with its version and question (and
    the attempt itself)."""
    db = router.db_for_read(AttemptItem)
    sql, tables = _items_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [attempt.pk])
        rows = cursor.fetchall()
    items = []
    for row in rows:
        item, version, question = split(row, tables, db)
        AttemptItem._meta.get_field("attempt").set_cached_value(item, attempt)
        AttemptItem._meta.get_field("version").set_cached_value(item, version)
        AttemptItem._meta.get_field("question").set_cached_value(item, question)
        items.append(item)
    return items
