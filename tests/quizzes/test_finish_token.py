"""The hand-in sent with the attempt's answer token finishes it without
reading the session, and only while what the session would have proved
still holds: the same session, not signed out or expired, the same active
user with the same password, the attempt theirs. Otherwise the API answers
as it does without a token."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.answer_tokens import HEADER
from quizzes.models import Attempt, AttemptStatus
from tests.factories import PersonFactory, drill_make, question_make

from .test_answer_token import (
    _answer,
    _client,
    _deactivated,
    _no_session_read,
    _password_changed,
    _session_expired,
    _start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem=f"題{i}") for i in range(3)])


def _finish(client, attempt_id, token=None):
    return client.post(
        f"/api/quizzes/attempts/{attempt_id}/finish",
        content_type="application/json",
        headers={HEADER: token} if token else {},
    )


def _status(attempt_id) -> str:
    return Attempt.objects.get(pk=attempt_id).status


# Committed for real, so that courses' receivers run inside the request, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hand_in_with_its_token_finishes_without_the_session_or_csrf(trainee, drill, monkeypatch):
    client = _client(trainee.user, enforce_csrf=True)
    data = _start(client, drill)
    assert _answer(client, data["id"], data["answer_token"]).status_code == 200
    _no_session_read(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        response = _finish(client, data["id"], data["answer_token"])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "finished" and body["id"] == data["id"]
    assert body["score"] is not None and len(body["items"]) == 3
    assert _status(data["id"]) == AttemptStatus.FINISHED
    # The attempt locked through the token's user and session, its answers,
    # its grade, the memory states made and written, and courses' receivers'
    # two checks in one statement (one answer of three is below the pass
    # mark: the attempt failed, so no training plan moves); no session, no
    # user.
    statements = [q["sql"] for q in queries.captured_queries]
    assert len([sql for sql in statements if sql.split()[0] not in ("BEGIN", "COMMIT")]) == 6


def test_the_token_hands_in_as_the_api_does(trainee, drill):
    client = _client(trainee.user)
    first = _start(client, drill)
    with_token = _finish(client, first["id"], first["answer_token"])
    second = _start(client, drill)
    without = _finish(client, second["id"])
    assert with_token.status_code == without.status_code == 200
    assert (
        with_token["Content-Type"] == without["Content-Type"] == "application/json; charset=utf-8"
    )
    with_token, without = with_token.json(), without.json()
    assert with_token.keys() == without.keys()
    assert [item.keys() for item in with_token["items"]] == [
        item.keys() for item in without["items"]
    ]
    assert with_token["status"] == without["status"] == "finished"
    assert with_token["answer_token"] is without["answer_token"] is None


def test_a_second_hand_in_with_the_token_gets_the_apis_refusal(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    assert _finish(client, data["id"], data["answer_token"]).status_code == 200
    response = _finish(client, data["id"], data["answer_token"])
    assert response.status_code == 409
    assert response.json()["code"] == "finished"


def test_after_signing_out_the_token_finishes_nothing(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/logout/")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert _finish(client, data["id"], data["answer_token"]).status_code == 401
    assert _status(data["id"]) == AttemptStatus.IN_PROGRESS


def test_an_expired_session_finishes_nothing(trainee, drill):
    client = _client(trainee.user)
    data = _start(client, drill)
    _session_expired(client)
    assert _finish(client, data["id"], data["answer_token"]).status_code == 401
    assert _status(data["id"]) == AttemptStatus.IN_PROGRESS


@pytest.mark.parametrize("change", [_password_changed, _deactivated])
def test_a_changed_password_or_a_deactivated_user_ends_the_token(trainee, drill, change):
    client = _client(trainee.user)
    data = _start(client, drill)
    change(trainee.user)
    assert _finish(client, data["id"], data["answer_token"]).status_code == 401
    assert _status(data["id"]) == AttemptStatus.IN_PROGRESS


def test_the_token_with_another_persons_session_finishes_nothing(trainee, drill, org):
    data = _start(_client(trainee.user), drill)
    other = _client(PersonFactory(unit=org["pudong_team"]).user)
    assert _finish(other, data["id"], data["answer_token"]).status_code == 404
    assert _status(data["id"]) == AttemptStatus.IN_PROGRESS


def test_without_csrf_a_token_that_does_not_hold_is_refused(trainee, drill):
    client = _client(trainee.user, enforce_csrf=True)
    data = _start(client, drill)
    another = _start(client, drill_make([question_make(stem="另一")], title="另"))
    assert _finish(client, data["id"], another["answer_token"]).status_code == 403
    assert _status(data["id"]) == AttemptStatus.IN_PROGRESS
