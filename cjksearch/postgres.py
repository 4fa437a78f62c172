"""PostgreSQL: index entries and queries folded as in `cjksearch.text`. English
plurals are left to the text search configuration's stemmer (the server's
`default_text_search_config`, or the backend's SEARCH_CONFIG)."""

from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from .backend import FoldedQueryMixin, with_indexer
from .text import index_text


class CJKPostgresObjectIndexer(ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        """The tsvector of the folded texts. The plain `title_text` and `body_text`
        kept for fuzzy (trigram) search are not folded."""
        texts = [(index_text(text, english_plurals=False), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class CJKPostgresIndex(PostgresIndex):
    add_items = with_indexer(PostgresIndex.add_items, CJKPostgresObjectIndexer)


class _FoldedPostgresQueryMixin(FoldedQueryMixin):
    def searches_index_entries(self):
        # With `fields`, modelsearch builds vectors from the model's own columns,
        # which are not folded: the query is left as it is there.
        return self.fields is None


class CJKPostgresSearchQueryCompiler(_FoldedPostgresQueryMixin, PostgresSearchQueryCompiler):
    pass


class CJKPostgresAutocompleteQueryCompiler(
    _FoldedPostgresQueryMixin, PostgresAutocompleteQueryCompiler
):
    pass


class CJKPostgresSearchBackend(PostgresSearchBackend):
    index_class = CJKPostgresIndex
    query_compiler_class = CJKPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = CJKPostgresAutocompleteQueryCompiler


SearchBackend = CJKPostgresSearchBackend
