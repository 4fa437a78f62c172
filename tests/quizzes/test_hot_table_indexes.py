"""The morning drill's tables, written by every start, answer and finish,
carry no index another one leads with (each is one more to write), and
every foreign key still leads an index (its look-ups and the deletes that
cascade to it)."""

import pytest
from django.db import connection

from quizzes.models import Attempt, AttemptItem, MemoryState

pytestmark = pytest.mark.django_db

HOT = [Attempt, AttemptItem, MemoryState]


def _indexes(model) -> dict[str, tuple[list[str], bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        name: (list(each["columns"]), bool(each["unique"]))
        for name, each in found.items()
        if each["index"] or each["unique"]
    }


@pytest.mark.parametrize("model", HOT, ids=lambda model: model.__name__)
def test_no_index_is_led_by_another(model):
    indexes = _indexes(model)
    redundant = [
        (name, other)
        for name, (columns, unique) in indexes.items()
        if not unique
        for other, (wider, _) in indexes.items()
        if other != name and len(wider) > len(columns) and wider[: len(columns)] == columns
    ]
    assert redundant == []


@pytest.mark.parametrize("model", HOT, ids=lambda model: model.__name__)
def test_every_foreign_key_leads_an_index(model):
    leading = {columns[0] for columns, _ in _indexes(model).values()}
    keys = [field.column for field in model._meta.concrete_fields if field.is_relation]
    assert keys and [key for key in keys if key not in leading] == []
