"""Which database reads go to, per request: a context variable, so that each
thread of a gthread worker (and each task of an asynchronous server) decides
for itself."""

import contextlib
import functools
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)

SAFE_METHODS = frozenset({"GET", "HEAD"})


def configured_alias() -> str | None:
    """The replica's alias when one is configured (REPLICAS_ALIAS names an entry
    of DATABASES), else None."""
    alias = getattr(settings, "REPLICAS_ALIAS", None)
    return alias if alias and alias in settings.DATABASES else None


def reading() -> bool:
    """True inside `replica_reads()` (whether or not a replica is configured)."""
    return _reading_from_replica.get()


def replica_alias() -> str:
    """The alias that reads go to at this moment."""
    alias = configured_alias()
    return alias if alias and reading() else DEFAULT_DB_ALIAS


@contextlib.contextmanager
def replica_reads():
    """Reads inside go to the replica, when one is configured; writes never do."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


@contextlib.contextmanager
def primary_reads():
    """Reads inside go to the primary, even within `replica_reads()`: for what is
    read to be kept (a cache filled under a generation that a write has just
    bumped must not be filled from a replica that has not seen the write yet)."""
    token = _reading_from_replica.set(False)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reading_from_replica(view):
    """Mark a view whose GET and HEAD read everything from the replica.

    The session and the user are loaded from the primary before (a session
    made a moment ago may not have reached the replica yet). Other methods run
    on the primary as usual. The response must be rendered inside the view
    (`render`, not a lazy TemplateResponse), or its template's queries run
    after the context has ended, on the primary."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS or configured_alias() is None:
            return view(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            # Forces the lazy session and user from the primary.
            user.is_authenticated  # noqa: B018
        with replica_reads():
            return view(request, *args, **kwargs)

    wrapper.reads_from_replica = True
    return wrapper
