"""The two writes of an attempt's start, written out once per database
(rowsql): the attempt, and its items in one statement (rowsql.inserts).
Built by the ORM (create and bulk_create) they cost about 1.5 ms of a
start's CPU, several times what running them costs the database.

The attempt's save signals are sent as Model.save sends them (courses moves
a person's training plans on when an attempt is created)."""

import functools

from django.db import connections, router
from django.db.models.signals import post_save, pre_save

from rowsql import cursor as cursor_for
from rowsql.inserts import insert_params, insert_sql

from ..models import Attempt, AttemptItem, Drill

# An item starts with these; the others (shown, revealed, answered) are empty.
ITEM_FIELDS = ("attempt", "position", "question", "version")


@functools.cache
def _attempt_query(db: str) -> tuple[str, tuple]:
    name = connections[db].ops.quote_name
    fields = tuple(f for f in Attempt._meta.concrete_fields if not f.primary_key)
    sql = (
        f"INSERT INTO {name(Attempt._meta.db_table)} "  # noqa: S608 (names, not input)
        f"({', '.join(name(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {name(Attempt._meta.pk.column)}"
    )
    return sql, fields


def attempt_insert(*, drill: Drill, person, **values) -> Attempt:
    """A new attempt of `drill` by `person` with `values` (other fields by
    name), written, its save signals sent; it comes back with its drill."""
    db = router.db_for_write(Attempt)
    connection = connections[db]
    sql, fields = _attempt_query(db)
    new = Attempt(drill=drill, person=person, **values)
    pre_save.send(sender=Attempt, instance=new, raw=False, using=db, update_fields=None)
    params = [field.get_db_prep_save(field.pre_save(new, True), connection) for field in fields]
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        (pk,) = cursor.fetchone()
    # Made as an instance read back from the database is: saved, on `db`.
    names = [Attempt._meta.pk.attname] + [field.attname for field in fields]
    attempt = Attempt.from_db(db, names, [pk] + [getattr(new, name) for name in names[1:]])
    attempt.drill, attempt.person = drill, person
    post_save.send(
        sender=Attempt, instance=attempt, created=True, update_fields=None, raw=False, using=db
    )
    return attempt


@functools.cache
def _item_fields() -> tuple:
    return tuple(AttemptItem._meta.get_field(field) for field in ITEM_FIELDS)


@functools.cache
def _items_query(db: str, count: int) -> str:
    name = connections[db].ops.quote_name
    fields = _item_fields()
    tail = f"RETURNING {name(AttemptItem._meta.pk.column)}, {name(fields[1].column)}"
    return insert_sql(AttemptItem, fields, count, db, tail=tail)


def items_insert(items: list[AttemptItem]) -> None:
    """Write new items (of ITEM_FIELDS) in one statement; each gets its id."""
    if not items:
        return
    db = router.db_for_write(AttemptItem)
    rows = [[item.attempt_id, item.position, item.question_id, item.version_id] for item in items]
    count = 0 if connections[db].vendor == "postgresql" else len(items)
    with cursor_for(db) as cursor:
        cursor.execute(_items_query(db, count), insert_params(_item_fields(), rows, db))
        ids = dict((position, pk) for pk, position in cursor.fetchall())
    for item in items:
        item.pk = ids[item.position]
