"""Cache keys read in the same round trip as the session.

A signed-in page read the session, then the reader's cache entry, then a
handful of small answers kept per reader or per site (notices unread, the
reader's time zone, the page tree's generation, the sites' names): one
round trip to Redis each, about half of a morning-drill answer's trips and
most of a page's. Apps name the keys they will read for a signed-in user
(`request_keys_provide`, from their AppConfig.ready); the session store
(requestmemo.sessions) asks for them together with the session, and the
apps read them with `request_cache_get` / `request_cache_get_many`, which
answer from what came back and go to the cache for anything else.

What came back is kept for the rest of the request only, like request_memo:
a request that changes one of these answers calls `request_cache_forget`
(the apps' forget functions do) so that its own later reads see the change.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache

from . import _memo

# The memo's slot for the answers fetched with the session.
_FETCHED = object()
# Asked for and not in the cache: read as missing without another round trip.
_ABSENT = object()

_providers: list[Callable[[int], Iterable[str]]] = []


def request_keys_provide(provider: Callable[[int], Iterable[str]]) -> None:
    """Register `provider(user_id)`: the cache keys a signed-in request of
    that user will read. Called once per app, from AppConfig.ready."""
    if provider not in _providers:
        _providers.append(provider)


def request_keys_for(user_id: int) -> list[str]:
    keys: list[str] = []
    for provider in _providers:
        keys.extend(key for key in provider(user_id) if key not in keys)
    return keys


def request_cache_fetched(found: dict, asked: Iterable[str]) -> None:
    """Keep for this request what a get_many of `asked` returned (`found`)."""
    memo = _memo.get()
    if memo is None:
        return
    memo[_FETCHED] = {key: found.get(key, _ABSENT) for key in asked}


def _fetched() -> dict:
    memo = _memo.get()
    return memo.get(_FETCHED, {}) if memo is not None else {}


def request_cache_get(key: str, default=None):
    """cache.get(key, default), answered from the session's round trip when
    the key came with it."""
    fetched = _fetched()
    if key in fetched:
        value = fetched[key]
        return default if value is _ABSENT else value
    return cache.get(key, default)


def request_cache_get_many(keys: list[str]) -> dict:
    """cache.get_many(keys), the keys that came with the session taken from it."""
    fetched = _fetched()
    found = {key: fetched[key] for key in keys if key in fetched and fetched[key] is not _ABSENT}
    rest = [key for key in keys if key not in fetched]
    if rest:
        found.update(cache.get_many(rest))
    return found


def request_cache_forget(*keys: str) -> None:
    """Read these keys from the cache again for the rest of this request."""
    fetched = _fetched()
    for key in keys:
        fetched.pop(key, None)
