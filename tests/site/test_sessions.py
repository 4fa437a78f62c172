"""Sessions: with Redis they are read from the cache and written through to
the database (cached_db), so a signed-in request of the morning drill makes
no session query; without Redis they stay in the database."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.site.test_settings import PRODUCTION_ENV, run_manage

CACHED_DB = "requestmemo.sessions"  # Django's cached_db, with requestmemo.prefetch
ENGINE = "from django.conf import settings; print(settings.SESSION_ENGINE)"


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [("redis://127.0.0.1:6379/0", CACHED_DB), ("", "django.contrib.sessions.backends.db")],
)
def test_sessions_are_kept_in_redis_when_there_is_one(redis_url, engine):
    completed = run_manage(
        "shell", "-c", ENGINE, env_extra={**PRODUCTION_ENV, "REDIS_URL": redis_url}
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == engine


@pytest.mark.django_db
@override_settings(SESSION_ENGINE=CACHED_DB)
def test_a_signed_in_request_reads_its_session_from_the_cache(client, trainee):
    client.force_login(trainee.user)
    assert client.get("/api/quizzes/drills").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/quizzes/drills").status_code == 200
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]


@pytest.mark.django_db
@override_settings(SESSION_ENGINE=CACHED_DB)
def test_signing_out_ends_a_cached_session_everywhere(client, trainee):
    client.force_login(trainee.user)
    assert client.get("/api/quizzes/drills").status_code == 200
    stolen = Client()
    stolen.cookies = client.cookies.__class__(client.cookies)  # the same session cookie
    assert stolen.get("/api/quizzes/drills").status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert stolen.get("/api/quizzes/drills").status_code == 401
