"""The morning drill's sessions (tests/bench/benchapp/sessions.py): written in
bulk, and each one signs its trainee in as login() would."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bench.benchapp.sessions import session_backend, sessions_create
from tests.factories import UserFactory


@pytest.mark.django_db
def test_sessions_are_written_in_bulk_and_sign_their_trainee_in(
    client, settings, django_assert_max_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    users = UserFactory.create_batch(30)
    with django_assert_max_num_queries(2):  # one INSERT (and a savepoint at most)
        made = sessions_create(users)
    assert [entry["username"] for entry in made] == [user.username for user in users]
    assert len({entry["session"] for entry in made}) == 30
    assert Session.objects.count() == 30
    stored = Session.objects.get(session_key=made[3]["session"]).get_decoded()
    assert stored[SESSION_KEY] == str(users[3].pk)
    client.cookies[settings.SESSION_COOKIE_NAME] = made[3]["session"]
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response.wsgi_request.user == users[3]


@pytest.mark.django_db
def test_the_cache_engine_gets_them_too(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    user = UserFactory()
    made = sessions_create([user])
    assert Session.objects.count() == 0
    client.cookies[settings.SESSION_COOKIE_NAME] = made[0]["session"]
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_a_session_names_a_backend_that_can_load_its_user(settings):
    settings.AUTHENTICATION_BACKENDS = [
        "hostsite.signin.SignInGateBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert session_backend() == "django.contrib.auth.backends.ModelBackend"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "engine", ["django.contrib.sessions.backends.cached_db", "requestmemo.sessions"]
)
def test_a_cached_database_engine_has_both_copies_as_after_login(client, settings, engine):
    settings.SESSION_ENGINE = engine
    user = UserFactory()
    made = sessions_create([user])
    assert Session.objects.get(session_key=made[0]["session"]).get_decoded()[SESSION_KEY] == str(
        user.pk
    )
    client.cookies[settings.SESSION_COOKIE_NAME] = made[0]["session"]
    # The session from the cache, as after login(), not from the database.
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert queries.captured_queries  # the user was read: the queries are seen
    assert not [q for q in queries.captured_queries if Session._meta.db_table in q["sql"]]


def test_new_passwords_are_not_hidden_by_the_readers_cache(trainee):
    """bench_setup gives its trainees a password in one UPDATE: the reader's
    cache must not keep the old hash (a session of the new one would be
    refused)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from people.auth_backends import ViewerCacheBackend
    from tests.bench.benchapp.sessions import passwords_set

    backend = ViewerCacheBackend()
    assert backend.get_user(trainee.user.pk).password == trainee.user.password  # now cached
    new_hash = make_password("new-bench-password")
    passwords_set(get_user_model().objects.filter(pk=trainee.user.pk), new_hash)
    assert backend.get_user(trainee.user.pk).password == new_hash


@pytest.mark.django_db
def test_the_generated_organisations_users_get_the_benchs_password():
    """Generated alone, the organisation's manager had a hash the bench's
    server could not verify: bench_setup gives it the bench's."""
    from django.contrib.auth.hashers import make_password

    from tests.bench.benchapp.sessions import generated_users_passwords_set
    from tests.bench.scenarios import PASSWORD, USERS

    manager = UserFactory(username=USERS["org-manager"].username)
    other = UserFactory()
    for user in (manager, other):
        user.set_password("hashed-elsewhere")
        user.save()
    generated_users_passwords_set(make_password(PASSWORD))
    manager.refresh_from_db()
    other.refresh_from_db()
    assert manager.check_password(PASSWORD)
    assert not other.check_password(PASSWORD)
