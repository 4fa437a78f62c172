"""INSERTs of many rows in one statement, written out once per database.

On PostgreSQL the rows go as one JSON parameter, its array of rows read by
json_array_elements, each value cast to its column's type, so the
statement does not grow with the rows and is prepared like any other. It
was one array per column (unnest): psycopg dumps a list in Python, value by
value, and each value was first prepared by its field, together about two
fifths of a finish's writing of ten memory states; json.dumps is C. SQLite
takes the rows as VALUES, each value prepared by its field.

A value goes into the JSON as its field's own database conversion would
send it: numbers, booleans and text as they are, a date or time as ISO 8601
(a naive time is made aware by the field first, as the ORM does), a JSON
field's value as the text of its JSON (None is SQL NULL), a float that is
not finite by its name. A field of any other kind is refused when the
statement is built."""

import functools
import json
import math

from django.db import connections

_AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "BooleanField",
        "CharField",
        "TextField",
    }
)
_NOT_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _kind(field) -> str:
    if field.is_relation:  # a foreign key holds its target's value
        return field.target_field.get_internal_type()
    return field.get_internal_type()


def _float(value):
    if value is None or math.isfinite(value):
        return value
    return _NOT_FINITE[str(float(value))]


def _encoder(field, db: str):
    """How `field`'s value goes into the JSON of the rows; None: as it is."""
    kind = _kind(field)
    if kind in _AS_THEY_ARE:
        return None
    if kind == "FloatField":
        return _float
    if kind == "DateTimeField":
        connection = connections[db]

        def moment(value):
            if value is None:
                return None
            if value.tzinfo is None:  # the field warns and makes it aware
                value = field.get_db_prep_save(value, connection)
            return value.isoformat()

        return moment
    if kind == "DateField":
        return lambda value: None if value is None else value.isoformat()
    if kind == "JSONField":
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    raise TypeError(f"rowsql does not write {field!r} ({kind}) in one statement")


@functools.cache
def _encoders(fields: tuple, db: str) -> tuple:
    return tuple(_encoder(field, db) for field in fields)


def insert_sql(model, fields, count: int, db: str, *, tail: str = "") -> str:
    """INSERT of `count` rows of `fields` into `model`'s table, then `tail`
    (ON CONFLICT ..., RETURNING ...); on PostgreSQL the same statement for
    any number of rows (count is not used). Its parameters: insert_params."""
    connection = connections[db]
    name = connection.ops.quote_name
    columns = ", ".join(name(field.column) for field in fields)
    if connection.vendor == "postgresql":
        _encoders(tuple(fields), db)  # refuses a field it cannot write now, not at the first row
        values = ", ".join(
            f"(r.value->>{position})::{field.db_type(connection)}"
            for position, field in enumerate(fields)
        )
        rows = f"SELECT {values} FROM json_array_elements(%s::json) AS r"
    else:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        rows = "VALUES " + ", ".join([row] * count)
    table_name = name(model._meta.db_table)
    return f"INSERT INTO {table_name} ({columns}) {rows}{' ' + tail if tail else ''}"  # noqa: S608


def insert_params(fields, rows: list[list], db: str) -> list:
    """The parameters of insert_sql for `rows`, each a list of the values of
    `fields` as an instance holds them."""
    connection = connections[db]
    if connection.vendor == "postgresql":
        encoders = _encoders(tuple(fields), db)
        if not any(encoders):
            return [json.dumps(rows, allow_nan=False)]
        return [
            json.dumps(
                [
                    [
                        value if encode is None else encode(value)
                        for encode, value in zip(encoders, row, strict=True)
                    ]
                    for row in rows
                ],
                allow_nan=False,
            )
        ]
    return [
        field.get_db_prep_save(value, connection)
        for row in rows
        for field, value in zip(fields, row, strict=True)
    ]
