"""What cjksearch relies on in modelsearch that modelsearch does not offer as an API.

modelsearch's indexes build their entries with the `ObjectIndexer` class of their
own module and have no setting to choose another, so cjksearch runs the same
`add_items` with that one global name bound to its folding subclass
(`cjksearch.backend.with_indexer`), and its SQLite indexer folds the texts of the
base indexer's cached properties. These tests fail, each saying what to check,
when a new modelsearch changes any of it: the search would otherwise quietly
index unfolded text, and Chinese words inside longer text would stop being found.
"""

import hashlib
import inspect

import pytest
from django.db import connection
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres

from cjksearch.backend import _global_names
from cjksearch.postgres import CJKPostgresIndex, CJKPostgresObjectIndexer

# modelsearch's SQLite module needs its index model, which exists only when the
# database is SQLite: its half of the checks runs in the SQLite run of the suite.
ON_SQLITE = connection.vendor == "sqlite"
if ON_SQLITE:
    from modelsearch.backends.database.sqlite import sqlite

    from cjksearch.sqlite import CJKSQLiteIndex, CJKSQLiteObjectIndexer

# sha256 (first 16 hex digits) of the source of each upstream function cjksearch
# reuses, as read for modelsearch 1.3.2.
REVIEWED = {
    "SQLiteIndex.add_items": "6e4d599997a4aa05",
    "PostgresIndex.add_items": "62bf7488351e3864",
    "ObjectIndexer.as_vector": "19f1d48118a0df23",
}


def _digest(function) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def test_the_reused_functions_are_the_ones_reviewed():
    functions = [postgres.PostgresIndex.add_items, postgres.ObjectIndexer.as_vector]
    if ON_SQLITE:
        functions.append(sqlite.SQLiteIndex.add_items)
    for function in functions:
        assert _digest(function) == REVIEWED[function.__qualname__], (
            f"modelsearch changed {function.__module__}.{function.__qualname__}: check that "
            "cjksearch (backend.with_indexer, sqlite.py, postgres.py) still fits it, "
            "then put its new digest in REVIEWED"
        )


def test_our_indexes_run_the_base_code_with_our_indexer():
    pairs = [
        (CJKPostgresIndex, postgres.PostgresIndex, CJKPostgresObjectIndexer, postgres.ObjectIndexer)
    ]
    if ON_SQLITE:
        pairs.append(
            (CJKSQLiteIndex, sqlite.SQLiteIndex, CJKSQLiteObjectIndexer, sqlite.ObjectIndexer)
        )
    for ours, base, indexer, base_indexer in pairs:
        assert "ObjectIndexer" in _global_names(base.add_items.__code__), (
            f"{base.__qualname__}.add_items no longer builds an ObjectIndexer"
        )
        assert ours.add_items.__code__ is base.add_items.__code__
        assert ours.add_items.__globals__["ObjectIndexer"] is indexer
        assert issubclass(indexer, base_indexer)
        # The base module is left as it was.
        assert base.add_items.__globals__["ObjectIndexer"] is base_indexer


@pytest.mark.skipif(not ON_SQLITE, reason="modelsearch's SQLite index loads only on SQLite")
def test_the_sqlite_indexer_texts_are_cached_properties():
    for name in ("title", "body", "autocomplete"):
        assert isinstance(getattr(sqlite.ObjectIndexer, name), cached_property), (
            f"modelsearch's SQLite ObjectIndexer.{name} is no longer a cached_property: "
            "cjksearch.sqlite folds it through its .func"
        )


def test_the_postgres_indexer_builds_vectors_from_texts_and_weights():
    parameters = list(inspect.signature(postgres.ObjectIndexer.as_vector).parameters)
    assert parameters == ["self", "texts", "for_autocomplete"], (
        "modelsearch's Postgres ObjectIndexer.as_vector changed its arguments: "
        "cjksearch.postgres overrides it"
    )
