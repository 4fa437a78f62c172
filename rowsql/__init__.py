"""Rows read by SQL written out once per database, as model instances: for
the look-ups of the hottest paths (the morning drill's answer, 2,000 at once,
and the signed-in user of every request), where the ORM spent more time
building a query than the database spent running it.

A Table names a model and the alias its columns go by in the SQL; its
`columns` go in the SELECT list, and `instance` makes the model instance of
the row's slice, with the converters the ORM would have applied (SQLite's
dates and booleans, JSON). Every concrete field is read, so no attribute of
an instance is deferred."""

import functools
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

# Class attributes that store what is set on an instance as it is, as a new
# instance's __dict__ holds it (a foreign key's id also forgets a cached
# object, which a new instance has not got).
_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@dataclass(frozen=True)
class Table:
    model: type
    alias: str
    names: tuple[str, ...]
    columns: tuple[str, ...]
    converters: tuple
    # Whether an instance may be made without Model.__init__ (see _made_plainly).
    plain: bool = False

    def column(self, field: str) -> str:
        """`field`'s column, qualified by the table's alias."""
        return self.columns[self.names.index(self.model._meta.get_field(field).attname)]

    def instance(self, db: str, values):
        """The instance of this table's `values` (a slice of a row), or None
        when its primary key is NULL (a LEFT JOIN that found nothing)."""
        values = list(values)
        pk_at = self.names.index(self.model._meta.pk.attname)
        if values[pk_at] is None:
            return None
        connection = connections[db]
        for position, found in enumerate(self.converters):
            for converter, col in found:
                values[position] = converter(values[position], col, connection)
        if self.plain and not (
            pre_init.has_listeners(self.model) or post_init.has_listeners(self.model)
        ):
            return _made_plainly(self.model, db, self.names, values)
        return self.model.from_db(db, list(self.names), values)


def _made_plainly(model, db: str, names, values):
    """What Model.from_db makes of a whole row, without Model.__init__: its
    two signals (sent to nobody: the caller checked) and a setattr through a
    descriptor for every field were a fifth of a drill's start, which makes
    about thirty instances."""
    new = model.__new__(model)
    new.__dict__.update(zip(names, values, strict=True))
    state = ModelState()
    state.adding, state.db = False, db
    new._state = state
    return new


def _plain(model) -> bool:
    """Whether from_db would make nothing more of a whole row than
    _made_plainly: the model keeps Model's __init__ and from_db, and sets each
    field's value as it is (no descriptor converts it, as StreamField's does)."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:
        return False
    for field in model._meta.concrete_fields:
        found = next(
            (
                klass.__dict__[field.attname]
                for klass in model.__mro__
                if field.attname in klass.__dict__
            ),
            None,
        )
        if found is not None and type(found) not in _PLAIN_ATTRIBUTES:
            return False
    return True


def cursor(db: str):
    """A cursor for the statements written out here: Django's own, so query
    counts, logging and execute wrappers see them. On PostgreSQL the settings
    bind every statement on the server and prepare it from its fifth run on
    a connection (DATABASE_PREPARED_STATEMENTS), so the database plans it
    once per connection: planning the answer's five-table look-up took 0.4 ms
    of PostgreSQL's CPU, running it 0.07 ms."""
    return connections[db].cursor()


@functools.cache
def table(model, alias: str, db: str) -> Table:
    """Every concrete column of `model` under `alias`, on database `db` (made
    once: a Table does not change)."""
    connection = connections[db]
    name = connection.ops.quote_name
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        col = field.get_col(alias)
        found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
        converters.append(tuple((converter, col) for converter in found))
    return Table(
        model=model,
        alias=alias,
        names=tuple(field.attname for field in fields),
        columns=tuple(f"{alias}.{name(field.column)}" for field in fields),
        converters=tuple(converters),
        plain=_plain(model),
    )


def split(row, tables: tuple[Table, ...], db: str) -> list:
    """A row of the tables' columns, in order, as one instance (or None) each."""
    objects, start = [], 0
    for each in tables:
        end = start + len(each.names)
        objects.append(each.instance(db, row[start:end]))
        start = end
    return objects
