"""SESSION_ENGINE with Redis: Django's cached_db sessions, read in one round
trip with the keys the apps will ask for next (requestmemo.prefetch).

The keys depend on the signed-in user, whom only the session names. A
session key belongs to one user for its whole life (signing in gives a new
key, signing out deletes it), so each process remembers which user a
session key was last seen with, asks for that user's keys beside the
session, and keeps them for the request only when the session read names
the same user. The first request of a session in a process reads as
Django's store does.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.cache import DEFAULT_CACHE_ALIAS

from .prefetch import request_cache_fetched, request_keys_for

# Session key -> user id, per process. A hint only (checked against the
# session read each time), so it is simply emptied when full.
USERS_REMEMBERED = 100_000
_user_of_session: dict[str, str] = {}


class SessionStore(CachedDbSessionStore):
    def load(self):
        user_id = _user_of_session.get(self.session_key) if self.session_key else None
        # The apps read their keys from the default cache: sessions kept in
        # another cache come alone.
        same_cache = settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS
        keys = (
            request_keys_for(int(user_id)) if same_cache and user_id and user_id.isdigit() else []
        )
        if not keys:
            data = super().load()
        else:
            found = self._cache.get_many([self.cache_key, *keys])
            data = found.get(self.cache_key)
            if data is None:  # expired from the cache: Django's store reads the database
                data = super().load()
            elif str(data.get(SESSION_KEY)) == user_id:
                request_cache_fetched(found, keys)
        self._user_remember(data)
        return data

    def _user_remember(self, data: dict) -> None:
        user_id = data.get(SESSION_KEY)
        if not user_id or not self.session_key:
            return
        if len(_user_of_session) >= USERS_REMEMBERED:
            _user_of_session.clear()
        _user_of_session[self.session_key] = str(user_id)
