"""An answer sent with its attempt's answer token is saved without reading
the session, and only while what the session would have proved still
holds: the same session, not signed out or expired, the same active user
with the same password, the attempt theirs. Otherwise the API answers as
it does without a token."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.answer_tokens import HEADER, token_read, tokens_enabled
from quizzes.models import AttemptItem
from tests.factories import PersonFactory, drill_make, question_make

from .test_api import right_display_choice

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem=f"題{i}") for i in range(3)])


def _client(user, *, enforce_csrf=False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def _start(client, drill) -> dict:
    if client.handler.enforce_csrf_checks and "csrftoken" not in client.cookies:
        assert client.get(f"/drills/{drill.pk}/").status_code == 200  # the phone page's cookie
    response = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts",
        data="{}",
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value}
        if "csrftoken" in client.cookies
        else {},
    )
    assert response.status_code == 200, response.content
    return response.json()


def _answer(client, attempt_id, token, position=0, response=None, **extra):
    return client.post(
        f"/api/quizzes/attempts/{attempt_id}/answers",
        data=json.dumps({"position": position, "response": response or {"choice": 0}}),
        content_type="application/json",
        headers={HEADER: token, **extra},
    )


def _answered(attempt_id, position=0) -> bool:
    return AttemptItem.objects.get(attempt_id=attempt_id, position=position).answered_at is not None


def _no_session_read(monkeypatch):
    """Fails the test if any session store reads a session."""
    from django.contrib.sessions.backends.base import SessionBase

    def refuse(self):
        raise AssertionError("the session was read")

    engine = __import__(settings.SESSION_ENGINE, fromlist=["SessionStore"])
    monkeypatch.setattr(engine.SessionStore, "load", refuse)
    monkeypatch.setattr(SessionBase, "load", refuse, raising=False)


def test_the_start_hands_out_a_token_for_the_attempt(trainee, drill):
    data = _start(_client(trainee.user), drill)
    assert tokens_enabled()
    assert data["answer_token"]
    assert data["answer_token"] != _start(_client(trainee.user), drill)["answer_token"]


def test_an_answer_with_its_token_is_saved_without_the_session_or_csrf(trainee, drill, monkeypatch):
    client = _client(trainee.user, enforce_csrf=True)
    data = _start(client, drill)
    choice = right_display_choice(data, 0)
    _no_session_read(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        response = _answer(client, data["id"], data["answer_token"], response={"choice": choice})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["saved"] is True and body["position"] == 0
    assert body["result"]["correct"] is True
    # The write, proving the session (the process that started the attempt
    # keeps its layout: test_attempt_layouts).
    assert len(queries.captured_queries) == 1
    assert _answered(data["id"])


def test_the_token_answers_as_the_api_does(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    choice = right_display_choice(data, 1)
    with_token = _answer(client, data["id"], data["answer_token"], 1, {"choice": choice})
    without = client.post(
        f"/api/quizzes/attempts/{data['id']}/answers",
        data=json.dumps({"position": 2, "response": {"choice": right_display_choice(data, 2)}}),
        content_type="application/json",
    )
    assert (
        with_token["Content-Type"] == without["Content-Type"] == "application/json; charset=utf-8"
    )
    with_token, without = with_token.json(), without.json()
    assert (with_token["position"], without["position"]) == (1, 2)
    assert with_token.keys() == without.keys()
    assert with_token["result"].keys() == without["result"].keys()
    assert with_token["result"]["correct"] is without["result"]["correct"] is True
    assert with_token["result"]["feedback_html"] == without["result"]["feedback_html"]


def test_after_signing_out_the_token_saves_nothing(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=cookie).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = _answer(client, data["id"], data["answer_token"])
    assert response.status_code == 401
    assert not _answered(data["id"])


def _session_expired(client) -> None:
    """The client's session expired a second ago, in the database and its cache."""
    from django.core.cache import caches

    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=cookie).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    caches[getattr(settings, "SESSION_CACHE_ALIAS", "default")].clear()


def test_an_expired_session_saves_nothing(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    _session_expired(client)
    response = _answer(client, data["id"], data["answer_token"])
    assert response.status_code == 401
    assert not _answered(data["id"])


def _password_changed(user):
    user.set_password("a-new-password-4711")
    user.save()


def _deactivated(user):
    user.is_active = False
    user.save()


@pytest.mark.parametrize("change", [_password_changed, _deactivated])
def test_a_changed_password_or_a_deactivated_user_ends_the_token(trainee, drill, change):
    client = _client(trainee.user)
    data = _start(client, drill)
    change(trainee.user)
    response = _answer(client, data["id"], data["answer_token"])
    assert response.status_code == 401
    assert not _answered(data["id"])


def test_the_token_with_another_persons_session_saves_nothing(trainee, drill, org):
    data = _start(_client(trainee.user), drill)
    other = _client(PersonFactory(unit=org["pudong_team"]).user)
    response = _answer(other, data["id"], data["answer_token"])
    assert response.status_code == 404
    assert not _answered(data["id"])


def test_without_csrf_a_token_that_does_not_hold_is_refused(trainee, drill, org):
    """A stolen or forged token is no CSRF proof: the API's own checks answer."""
    client = _client(trainee.user, enforce_csrf=True)
    data = _start(client, drill)
    forged = data["answer_token"][:-2] + ("AA" if not data["answer_token"].endswith("AA") else "BB")
    assert _answer(client, data["id"], forged).status_code == 403
    another = _start(client, drill_make([question_make(stem="另一")], title="另"))
    assert _answer(client, data["id"], another["answer_token"]).status_code == 403
    assert not _answered(data["id"])


def test_a_token_is_for_its_own_attempt(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    assert token_read(data["answer_token"], attempt_id=data["id"] + 1, session_key="x") is None
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie)
    assert token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie + "x") is None


def test_a_bad_answer_with_a_token_gets_the_apis_located_error(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    response = _answer(client, data["id"], data["answer_token"], response={"choice": "x"})
    assert response.status_code == 422
    assert response.json()["field"] == "response.choice"
    response = client.post(
        f"/api/quizzes/attempts/{data['id']}/answers",
        data='{"position": 0, "response": {"value": NaN}}',
        content_type="application/json",
        headers={HEADER: data["answer_token"]},
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_number"
    assert not _answered(data["id"])


def test_a_refused_answer_with_a_token_gets_the_apis_refusal(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    assert _answer(client, data["id"], data["answer_token"]).status_code == 200
    again = _answer(client, data["id"], data["answer_token"])
    assert again.status_code == 409 and again.json()["code"] == "answered"


def test_no_token_once_the_attempt_is_finished(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    finished = client.post(f"/api/quizzes/attempts/{data['id']}/finish")
    assert finished.status_code == 200 and finished.json()["answer_token"] is None
    assert client.get(f"/api/quizzes/attempts/{data['id']}").json()["answer_token"] is None
    response = _answer(client, data["id"], data["answer_token"])
    assert response.status_code == 409 and response.json()["code"] == "finished"


def test_resuming_hands_out_a_token_too(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    again = client.get(f"/api/quizzes/attempts/{data['id']}").json()
    assert again["answer_token"]
    assert _answer(client, data["id"], again["answer_token"]).status_code == 200


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_no_token_where_sessions_are_not_in_the_database(trainee, drill):
    assert not tokens_enabled()
    data = _start(_client(trainee.user), drill)
    assert data["answer_token"] is None


def test_the_schema_documents_the_token(trainee):
    schema = _client(trainee.user).get("/api/openapi.json").json()
    assert "answer_token" in schema["components"]["schemas"]["AttemptOut"]["properties"]


def test_a_token_read_again_is_checked_without_its_hmacs(trainee, drill, monkeypatch):
    """The morning drill sends one token with each of ten answers: the process
    keeps what the token's three HMACs gave."""
    from django.core import signing

    from quizzes import answer_tokens
    from tests.spies import calls_of

    client = _client(trainee.user)
    data = _start(client, drill)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    hmacs = calls_of(monkeypatch, answer_tokens, "salted_hmac")
    unsigned = calls_of(monkeypatch, signing.Signer, "unsign")
    first = token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie)
    assert first is not None and first.password_matches(trainee.user.password)
    hmacs.clear()
    unsigned.clear()
    again = token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie)
    assert again == first and again.password_matches(trainee.user.password)
    assert hmacs == [] and unsigned == []
    assert not again.password_matches(trainee.user.password + "x")


def test_a_token_of_a_replaced_secret_key_is_refused(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie)
    with override_settings(SECRET_KEY="another-" + "k" * 50):
        assert token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie) is None
    with override_settings(
        SECRET_KEY="another-" + "k" * 50, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]
    ):
        assert token_read(data["answer_token"], attempt_id=data["id"], session_key=cookie) is None
