"""SQLite FTS5: index entries and queries folded as in `cjksearch.text`, English
plurals included (FTS5's default tokenizer does no stemming)."""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from .backend import FoldedQueryMixin, with_indexer
from .text import index_text


def _folded(text_property):
    """One of the indexer's texts (title, body, autocomplete), folded."""
    return cached_property(lambda self: index_text(text_property.func(self), english_plurals=True))


class CJKSQLiteObjectIndexer(ObjectIndexer):
    title = _folded(ObjectIndexer.title)
    body = _folded(ObjectIndexer.body)
    autocomplete = _folded(ObjectIndexer.autocomplete)


class CJKSQLiteIndex(SQLiteIndex):
    add_items = with_indexer(SQLiteIndex.add_items, CJKSQLiteObjectIndexer)


class CJKSQLiteSearchQueryCompiler(FoldedQueryMixin, SQLiteSearchQueryCompiler):
    ENGLISH_PLURALS = True


class CJKSQLiteAutocompleteQueryCompiler(FoldedQueryMixin, SQLiteAutocompleteQueryCompiler):
    ENGLISH_PLURALS = True


class CJKSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = CJKSQLiteIndex
    query_compiler_class = CJKSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = CJKSQLiteAutocompleteQueryCompiler


SearchBackend = CJKSQLiteSearchBackend
