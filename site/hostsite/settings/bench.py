"""Benchmark settings: production as it is, plus two baseline views.

Used only by `make bench` (tests/bench/run.py), which serves the site under
gunicorn over plain HTTP on 127.0.0.1 and sets the environment production
needs (SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=false,
DATABASE_URL, REDIS_URL). Anything changed here is left out of what a
benchmark measures, so keep the list short.
"""

from django.core.exceptions import ImproperlyConfigured

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, SECURE_SSL_REDIRECT

if SECURE_SSL_REDIRECT:
    # Every request would be a 301 to https:// and the benchmark would time redirects.
    raise ImproperlyConfigured("The bench serves plain HTTP: set SECURE_SSL_REDIRECT=false.")

DEBUG = False

# The baseline views (/bench/bare-json/, /bench/bare-insert/) and their table.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.benchapp"]
ROOT_URLCONF = "tests.bench.benchapp.urls"

# Production marks cookies Secure, so a client speaking plain HTTP never sends
# them back: no session, no CSRF token, no signed-in scenario. The bench runs
# on loopback only, so nothing is exposed by turning this off.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
