"""Signed-in sessions for the morning drill's trainees, written in bulk the
way django.contrib.auth.login() writes one (user id, backend, session auth
hash), without the password check: see bench_setup's docstring for why.
One INSERT per thousand rows with the database engines, one set_many with the
cache engine, both with the cached database engines (whose save() writes the
cache copy too, so the first request of a session reads Redis, not the
database); any other engine one by one through its own API.
"""

import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    load_backend,
)
from django.core.exceptions import ImproperlyConfigured
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.utils import timezone

from people.viewer_cache import viewer_forget

SESSION_BATCH = 1_000
DATABASE_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
    "requestmemo.sessions",
)
CACHE_ENGINE = "django.contrib.sessions.backends.cache"
CACHED_DATABASE_ENGINES = ("django.contrib.sessions.backends.cached_db", "requestmemo.sessions")


def session_backend() -> str:
    """The backend a session names: the first that can load a user again (the
    sign-in gate, first of all, only checks passwords; login() names the one
    that authenticated, which is the ModelBackend behind it)."""
    for path in settings.AUTHENTICATION_BACKENDS:
        if hasattr(load_backend(path), "get_user"):
            return path
    raise ImproperlyConfigured("No authentication backend can load a user from a session")


def sessions_create(users: list) -> list[dict]:
    """One signed-in session per user, as django.contrib.auth.login() writes
    it but without the password check, in bulk; the cookies a browser would
    hold, for the load driver."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    encoder = store_class()
    age = settings.SESSION_COOKIE_AGE
    backend = session_backend()
    expires = timezone.now() + timedelta(seconds=age)
    made, contents = [], {}
    for user in users:
        # 32 hex digits: within the characters of a session key and of a CSRF
        # secret, from secrets (get_random_string's choice per character is
        # seconds for ten thousand of them).
        key = secrets.token_hex(16)
        contents[key] = {
            SESSION_KEY: user._meta.pk.value_to_string(user),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        made.append(
            {
                "username": user.username,
                "session": key,
                # The value of the CSRF cookie a browser would hold; the driver
                # sends it back in the X-CSRFToken header.
                "csrf": secrets.token_hex(CSRF_SECRET_LENGTH // 2),
            }
        )
    in_database = settings.SESSION_ENGINE in DATABASE_ENGINES
    in_cache = settings.SESSION_ENGINE in (CACHE_ENGINE, *CACHED_DATABASE_ENGINES)
    if in_database:
        model = store_class.get_model_class()
        model.objects.bulk_create(
            (
                model(session_key=key, session_data=encoder.encode(data), expire_date=expires)
                for key, data in contents.items()
            ),
            batch_size=SESSION_BATCH,
        )
    if in_cache:
        from django.core.cache import caches

        cache = caches[settings.SESSION_CACHE_ALIAS]
        prefix = store_class.cache_key_prefix
        keys = list(contents)
        for start in range(0, len(keys), SESSION_BATCH):
            batch = keys[start : start + SESSION_BATCH]
            cache.set_many({prefix + key: contents[key] for key in batch}, timeout=age)
    if not (in_database or in_cache):  # any other engine: one by one, through its own API
        for entry, data in zip(made, contents.values(), strict=True):
            store = store_class()
            store.update(data)
            store.create()
            entry["session"] = store.session_key
    return made


def passwords_set(users_query, password_hash: str) -> None:
    """Give the users of `users_query` this password hash (and make them
    active), in one UPDATE. An UPDATE sends no signal, so what the reader's
    cache keeps of them (people.viewer_cache, for up to six hours) is
    forgotten here: it holds the old hash, which a session made with the new
    one would not match (every request of the run refused 401)."""
    users_query.update(password=password_hash, is_active=True)
    viewer_forget(*users_query.values_list("pk", flat=True))


def generated_users_passwords_set(password_hash: str) -> None:
    """Give the generated organisation's users (tests/bench/orgscale.py), when
    there is one, the bench's password hash: the generator run alone (its
    README command) hashes theirs under the test settings (MD5), which the
    bench's server does not verify, so the load driver could not sign in."""
    from django.contrib.auth import get_user_model

    from tests.bench.scenarios import USERS

    names = [user.username for user in USERS.values() if user.made_by == "orgscale"]
    passwords_set(get_user_model().objects.filter(username__in=names), password_hash)
