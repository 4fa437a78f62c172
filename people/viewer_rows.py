"""A reader's cache entry read from the database (people.viewer_cache), in as
few statements as the entry's parts allow, each written out once per
database (rowsql).

An entry is missing on a reader's first request of the day (entries live six
hours) and after any change that starts a new generation: at the morning
meeting that is every trainee's start of the drill, 2,000 at once. Built by
the ORM, the seven queries of a read cost several times the CPU of the rest
of the start; now the user, their Person and the Person's unit are one
statement, their groups another, their own permissions a third (skipped for
an inactive user, who has none) and the units they manage a fourth, asked
only of a manager.

What many readers share is kept per process for the generation it was read
in: the permissions of a set of groups, and the names from the root down to
a unit. Whatever changes either (a group's permissions, a unit renamed or
moved) starts a new generation (people.receivers), so a kept answer is never
used past it; an answer is also read again after ENTRY_SECONDS, the bound the
cache entries themselves have on a change made outside Lianbing's code."""

import functools
import threading
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router

from rowsql import Table, table
from rowsql import cursor as cursor_for

from .models import OrgUnit, Person

# Kept answers per process: a few group sets and the units people sit in.
KEPT_MAX = 4_096


@dataclass(frozen=True)
class ReaderRows:
    user: object
    person: Person | None  # with its unit
    groups: tuple[tuple[int, str], ...]  # (id, name) by id


def _quote(db: str):
    return connections[db].ops.quote_name


def _column(db: str, model, field: str) -> str:
    return _quote(db)(model._meta.get_field(field).column)


def _table_name(db: str, model) -> str:
    return _quote(db)(model._meta.db_table)


@functools.cache
def _reader_query(db: str) -> tuple[str, tuple[Table, Table, Table]]:
    tables = (table(get_user_model(), "u", db), table(Person, "p", db), table(OrgUnit, "o", db))
    user, person, unit = tables
    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)} "  # noqa: S608 (names)
        f"FROM {_table_name(db, user.model)} u "
        f"LEFT OUTER JOIN {_table_name(db, Person)} p ON {person.column('user')} = {user.column('id')} "
        f"LEFT OUTER JOIN {_table_name(db, OrgUnit)} o ON {unit.column('id')} = {person.column('unit')} "
        f"WHERE {user.column('id')} = %s"
    )
    return sql, tables


@functools.cache
def _groups_query(db: str) -> str:
    through = get_user_model().groups.through
    return (
        f"SELECT g.{_column(db, Group, 'id')}, g.{_column(db, Group, 'name')} "  # noqa: S608
        f"FROM {_table_name(db, Group)} g INNER JOIN {_table_name(db, through)} ug "
        f"ON ug.{_column(db, through, 'group')} = g.{_column(db, Group, 'id')} "
        f"WHERE ug.{_column(db, through, 'user')} = %s ORDER BY g.{_column(db, Group, 'id')}"
    )


def reader_rows(user_id) -> ReaderRows | None:
    """The user `user_id` (None when there is no such user) with their Person
    and its unit, and their groups: two statements."""
    model = get_user_model()
    try:
        user_id = model._meta.pk.to_python(user_id)
    except ValidationError:  # as ModelBackend's get(pk=...): a malformed id finds nobody
        return None
    db = router.db_for_read(model)
    sql, (user_table, person_table, unit_table) = _reader_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(_groups_query(db), [user_id])
        groups = tuple((pk, name) for pk, name in cursor.fetchall())
    width = len(user_table.names)
    user = user_table.instance(db, row[:width])
    person = person_table.instance(db, row[width : width + len(person_table.names)])
    if person is not None:
        person.unit = unit_table.instance(db, row[width + len(person_table.names) :])
    return ReaderRows(user=user, person=person, groups=groups)


@functools.cache
def _permission_select(db: str) -> str:
    return (
        f"SELECT ct.{_column(db, ContentType, 'app_label')}, "
        f"p.{_column(db, Permission, 'codename')} FROM {_table_name(db, Permission)} p "
        f"INNER JOIN {_table_name(db, ContentType)} ct "
        f"ON ct.{_column(db, ContentType, 'id')} = p.{_column(db, Permission, 'content_type')} "
    )


@functools.cache
def _user_permissions_query(db: str) -> str:
    through = get_user_model().user_permissions.through
    return (
        f"{_permission_select(db)}INNER JOIN {_table_name(db, through)} up "  # noqa: S608
        f"ON up.{_column(db, through, 'permission')} = p.{_column(db, Permission, 'id')} "
        f"WHERE up.{_column(db, through, 'user')} = %s"
    )


@functools.cache
def _group_permissions_query(db: str, groups: int) -> str:
    through = Group.permissions.through
    return (
        f"{_permission_select(db)}INNER JOIN {_table_name(db, through)} gp "  # noqa: S608
        f"ON gp.{_column(db, through, 'permission')} = p.{_column(db, Permission, 'id')} "
        f"WHERE gp.{_column(db, through, 'group')} IN ({', '.join(['%s'] * groups)})"
    )


def _permissions(db: str, sql: str, params: list) -> frozenset[str]:
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        return frozenset(f"{app_label}.{codename}" for app_label, codename in cursor.fetchall())


def user_permissions_of(user) -> frozenset[str]:
    """ModelBackend's user permissions of an active user who is not a
    superuser (for whom the backend reads every permission itself)."""
    db = router.db_for_read(Permission)
    return _permissions(db, _user_permissions_query(db), [user.pk])


class _Kept:
    """Answers kept per process, each for its key's generation and at most
    as long as a cache entry (viewer_cache.ENTRY_SECONDS)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.answers: dict = {}

    def get(self, key, read):
        from .viewer_cache import ENTRY_SECONDS  # imports this module

        now = time.monotonic()
        found = self.answers.get(key)
        if found is not None and now - found[0] < ENTRY_SECONDS:
            return found[1]
        answer = read()
        with self.lock:
            if len(self.answers) >= KEPT_MAX:
                self.answers.clear()  # older generations' answers, mostly
            self.answers[key] = (now, answer)
        return answer


_group_permissions = _Kept()
_unit_paths = _Kept()


def group_permissions_of(group_ids: tuple[int, ...], *, generation: str) -> frozenset[str]:
    """ModelBackend's group permissions of a member of these groups (of an
    active user who is not a superuser), kept for the generation."""
    if not group_ids:
        return frozenset()
    db = router.db_for_read(Permission)
    return _group_permissions.get(
        (generation, db, group_ids),
        lambda: _permissions(db, _group_permissions_query(db, len(group_ids)), list(group_ids)),
    )


def unit_path_of(unit: OrgUnit, *, generation: str) -> tuple[str, ...]:
    """The names from the root down to `unit`, kept for the generation."""
    from .selectors import unit_path_names  # the selectors import this module's neighbours

    return _unit_paths.get(
        (generation, router.db_for_read(OrgUnit), unit.path),
        lambda: tuple(unit_path_names(unit)),
    )


@functools.cache
def _managed_units_query(db: str) -> tuple[str, Table]:
    units = table(OrgUnit, "o", db)
    through = Person.managed_units.through
    sql = (
        f"SELECT {', '.join(units.columns)} FROM {_table_name(db, OrgUnit)} o "  # noqa: S608
        f"INNER JOIN {_table_name(db, through)} m "
        f"ON m.{_column(db, through, 'orgunit')} = {units.column('id')} "
        f"WHERE m.{_column(db, through, 'person')} = %s ORDER BY {units.column('path')}"
    )
    return sql, units


def units_managed_by_person(person: Person) -> list[OrgUnit]:
    """The units `person` manages directly, whatever their roles: the caller
    asks only for a manager (people.selectors.units_managed_by)."""
    db = router.db_for_read(OrgUnit)
    sql, units = _managed_units_query(db)
    with cursor_for(db) as cursor:
        cursor.execute(sql, [person.pk])
        return [units.instance(db, row) for row in cursor.fetchall()]
