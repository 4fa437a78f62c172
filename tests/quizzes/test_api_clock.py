"""The drill's clocks and recall cards over HTTP: what the phone page is told."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from people.roles import Role
from quizzes.models import AttemptItem, AttemptStatus
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db

RECALL = {"back": "三年期：**2.6%**"}


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee.user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def start(client, drill):
    response = post(client, f"/api/quizzes/drills/{drill.pk}/attempts")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def per_question(org):
    return drill_make([question_make(stem=f"題{i}") for i in range(2)], time_per_question=45)


def test_a_question_s_clock_starts_full_when_it_is_shown(signed_in, per_question):
    data = start(signed_in, per_question)
    assert data["deadline"] is None and data["seconds_left"] is None
    opened = post(signed_in, f"/api/quizzes/attempts/{data['id']}/items/0/open")
    assert opened.status_code == 200
    assert opened.json()["seconds_left"] == 45
    assert opened.json()["timed_out"] is False


def test_a_late_answer_is_refused_for_that_question_only(signed_in, per_question):
    data = start(signed_in, per_question)
    base = f"/api/quizzes/attempts/{data['id']}"
    post(signed_in, f"{base}/items/0/open")
    AttemptItem.objects.filter(attempt_id=data["id"], position=0).update(
        shown_at=timezone.now() - timedelta(seconds=60)
    )
    late = post(signed_in, f"{base}/answers", {"position": 0, "response": {"choice": 0}})
    assert late.status_code == 409
    assert late.json()["code"] == "question_time_up"
    assert "Time is up for this question" in late.json()["message"]

    attempt = signed_in.get(base).json()
    assert attempt["status"] == AttemptStatus.IN_PROGRESS
    first, second = attempt["items"]
    assert first["timed_out"] is True and first["answered"] is False
    assert first["seconds_left"] == 0
    assert second["timed_out"] is False and second["seconds_left"] == 45

    post(signed_in, f"{base}/items/1/open")
    saved = post(signed_in, f"{base}/answers", {"position": 1, "response": {"choice": 0}})
    assert saved.status_code == 200


@pytest.fixture
def cards(org):
    return drill_make([question_make(qtype="recall", stem="三年期定存利率？", payload=RECALL)])


def test_a_recall_card_is_rated_only_after_its_answer_is_shown(signed_in, cards):
    data = start(signed_in, cards)
    base = f"/api/quizzes/attempts/{data['id']}"
    assert data["items"][0]["revealed"] is False
    assert "2.6%" not in json.dumps(data)

    early = post(signed_in, f"{base}/answers", {"position": 0, "response": {"rating": 1}})
    assert early.status_code == 409
    assert early.json() == {
        "code": "not_revealed",
        "message": "Show the answer first, then rate how well you recalled it.",
        "field": None,
    }

    shown = post(signed_in, f"{base}/items/0/reveal")
    assert shown.status_code == 200
    assert shown.json()["position"] == 0
    assert "<strong>2.6%</strong>" in shown.json()["back_html"]
    assert signed_in.get(base).json()["items"][0]["revealed"] is True

    rated = post(signed_in, f"{base}/answers", {"position": 0, "response": {"rating": 3}})
    assert rated.status_code == 200


def test_only_a_recall_card_can_be_revealed(signed_in, per_question):
    data = start(signed_in, per_question)
    response = post(signed_in, f"/api/quizzes/attempts/{data['id']}/items/0/reveal")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "role, unit",
    [
        (Role.TRAINEE, "pudong_team"),
        (Role.TRAINER, "head"),
        (Role.RISK_EXPERT, "head"),
        (Role.MANAGER, "pudong"),
        (Role.ADMINISTRATOR, "head"),
    ],
)
def test_only_the_trainee_reveals_their_own_card(cards, trainee, client, org, role, unit):
    """Whoever else signs in, even the trainee's own manager, finds no such card."""
    from quizzes.services import attempt_start

    attempt = attempt_start(drill=cards, person=trainee)
    other = PersonFactory(
        unit=org[unit],
        user__roles=[role],
        user__is_superuser=role == Role.ADMINISTRATOR,
        manages=[org[unit]] if role == Role.MANAGER else [],
    )
    client.force_login(other.user)
    response = post(client, f"/api/quizzes/attempts/{attempt.pk}/items/0/reveal")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not AttemptItem.objects.filter(revealed_at__isnull=False).exists()


def test_anonymous_cannot_reveal(client, cards, trainee):
    from quizzes.services import attempt_start

    attempt = attempt_start(drill=cards, person=trainee)
    response = post(client, f"/api/quizzes/attempts/{attempt.pk}/items/0/reveal")
    assert response.status_code == 401


@pytest.mark.parametrize("size", [3, 25])
def test_revealing_takes_the_same_few_queries_at_any_size(
    signed_in, org, size, django_assert_max_num_queries
):
    questions = [
        question_make(qtype="recall", stem=f"卡{index}", payload=RECALL) for index in range(size)
    ]
    data = start(signed_in, drill_make(questions, title=f"{size}張卡"))
    with django_assert_max_num_queries(5):
        response = post(signed_in, f"/api/quizzes/attempts/{data['id']}/items/{size - 1}/reveal")
    assert response.status_code == 200
