"""The search backend: Wagtail's database search, with Chinese folded as in `cjksearch.text`.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cjksearch.backend"}}

Like `wagtail.search.backends.database`, it picks the engine of the default
database: SQLite with FTS5 and PostgreSQL get the folding subclasses in
`cjksearch.sqlite` and `cjksearch.postgres`; anything else (MySQL, SQLite
without FTS5) gets modelsearch's own backend unchanged. Each subclass changes
two things, nothing else: the text that an index entry stores (the object
indexer) and the query before it is compiled (the query compilers; on SQLite
they also escape the double quotes that modelsearch leaves in FTS5 strings).
Filters, ordering and the caller's queryset are the base backend's, so a
queryset that leaves a page out keeps it out of the results.

After switching to this backend, or after changing the folding, rebuild the
index: `python site/manage.py update_index`.
"""

import types

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from modelsearch.backends import database

from .query import fold_query


def SearchBackend(params):  # modelsearch looks the backend up by this name
    """The backend for the default database's engine, as modelsearch chooses it."""
    # Each engine's module is imported only on that engine: the PostgreSQL one needs
    # django.contrib.postgres and its driver, which an SQLite install may lack.
    if connection.vendor == "postgresql":
        from .postgres import CJKPostgresSearchBackend

        return CJKPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from .sqlite import CJKSQLiteSearchBackend

        return CJKSQLiteSearchBackend(params)
    return backend


class FoldedQueryMixin:
    """For a modelsearch query compiler: look for the folded words (`fold_query`)."""

    #: Whether the index entries of this engine fold English plurals (`text.english_word`).
    ENGLISH_PLURALS = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.searches_index_entries():
            self.query = fold_query(
                self.query, english_plurals=self.ENGLISH_PLURALS, prefix=self.LAST_TERM_IS_PREFIX
            )

    def searches_index_entries(self) -> bool:
        """Whether the query is matched against the (folded) index entries."""
        return True


def with_indexer(add_items, indexer_class):
    """The base index's `add_items`, building its entries with `indexer_class`.

    modelsearch's indexes construct the module-level `ObjectIndexer` of their own
    module, with no attribute to choose another. Rather than copy `add_items`
    (40 to 70 lines per engine), this is the same function, run with that one
    global name bound to our subclass; the base module is left untouched.
    """
    if "ObjectIndexer" not in _global_names(add_items.__code__):
        raise ImproperlyConfigured(
            f"{add_items.__module__}.{add_items.__qualname__} no longer builds an "
            "ObjectIndexer: cjksearch does not support this version of modelsearch."
        )
    namespace = {**add_items.__globals__, "ObjectIndexer": indexer_class}
    function = types.FunctionType(
        add_items.__code__,
        namespace,
        add_items.__name__,
        add_items.__defaults__,
        add_items.__closure__,
    )
    function.__kwdefaults__ = add_items.__kwdefaults__
    function.__doc__ = f"`{add_items.__qualname__}`, with `{indexer_class.__name__}`."
    return function


def _global_names(code: types.CodeType) -> set[str]:
    """The names a function's code (comprehensions included) may look up."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names
