"""Test settings: SQLite by default, PostgreSQL and Redis when DATABASE_URL and
REDIS_URL are set. Background tasks run inline (django-q2 sync mode)."""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, Q_CLUSTER, REDIS_URL

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": "lianbing-test"}}
# The read replica (replicas): in tests, a mirror of the test database
# (Django's TEST["MIRROR"]), opened read-only so that a write through it fails.
# Always declared, so that tests/replicas can route to it; reads go there only
# when REPLICAS_ALIAS names it: with DATABASE_REPLICA_URL set (the whole suite
# then reads its dashboards and reports through the mirror, see
# tests/conftest.py) or in the tests that turn it on.
_replica = {**DATABASES.get("replica", DATABASES["default"])}
if "sqlite" in _replica["ENGINE"]:
    # Deferred transactions: an IMMEDIATE one would ask a read-only connection for a write lock.
    _replica["OPTIONS"] = {"init_command": "PRAGMA query_only=ON;", "timeout": 20}
else:
    _replica["OPTIONS"] = {
        **_replica.get("OPTIONS", {}),
        "options": "-c default_transaction_read_only=on",
    }
_replica["TEST"] = {"MIRROR": "default"}
DATABASES = {**DATABASES, "replica": _replica}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders in tests; there is no collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# The demo's simulated month of practice, for three people instead of all.
QUIZZES_DEMO_PEOPLE = 3

# --- Sign-in throttling (django-axes) ----------------------------------------------
# Client.login() authenticates without a request; this backend lets it through
# and throttles every sign-in made through a page, as in production.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.AxesBackendAllowingTestClientLogin",
    "people.auth_backends.ViewerCacheBackend",
]
