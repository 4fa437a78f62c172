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
from modelsearch.query import Phrase, PlainText

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


class _FoldedSQLiteQueryMixin(FoldedQueryMixin):
    ENGLISH_PLURALS = True

    def build_search_query_content(self, query, config=None):
        # modelsearch writes each word of plain text, and a whole phrase, as an FTS5
        # string between double quotes, but leaves a double quote inside as it is: it
        # ended the string ("unterminated string", or the rest read as FTS5 syntax).
        # Doubled, as FTS5 escapes it, all of the text stays inside its string.
        if isinstance(query, PlainText):
            query = PlainText(_fts5_escaped(query.query_string), query.operator, query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(_fts5_escaped(query.query_string))
        return super().build_search_query_content(query, config=config)


def _fts5_escaped(text: str) -> str:
    return text.replace('"', '""')


class CJKSQLiteSearchQueryCompiler(_FoldedSQLiteQueryMixin, SQLiteSearchQueryCompiler):
    pass


class CJKSQLiteAutocompleteQueryCompiler(_FoldedSQLiteQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class CJKSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = CJKSQLiteIndex
    query_compiler_class = CJKSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = CJKSQLiteAutocompleteQueryCompiler


SearchBackend = CJKSQLiteSearchBackend
