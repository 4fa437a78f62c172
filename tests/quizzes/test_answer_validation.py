"""Drill answers are checked against the question's type before they are
stored; hostile numbers, oversized bodies and unreadable requests get a 4xx
in the documented problem shape, never a 500; a drill needs at least one
allowed attempt; text refuses the characters that flip the text after them."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client, override_settings

from quizzes.models import AttemptItem, Drill
from quizzes.validation import validate_question
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"code", "message", "field"}


def post_raw(client, url, body: str, content_type="application/json"):
    return client.post(url, data=body, content_type=content_type)


def post(client, url, body):
    return post_raw(client, url, json.dumps(body))


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == PROBLEM_KEYS, data
    assert data["message"]
    return data


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee.user)
    return client


@pytest.fixture
def attempt(signed_in, org):
    drill = drill_make(
        [
            question_make(stem="單選"),
            question_make(
                qtype="short",
                stem="簡答",
                payload={"answers": [{"text": "定存", "fraction": 1.0}]},
            ),
            question_make(
                qtype="numeric",
                stem="數字",
                payload={"answers": [{"value": 3.25, "tolerance": 0, "fraction": 1.0}]},
            ),
        ],
        shuffle_choices=False,
    )
    response = signed_in.post(f"/api/quizzes/drills/{drill.pk}/attempts")
    assert response.status_code == 200
    return response.json()["id"]


def answers_url(attempt_id):
    return f"/api/quizzes/attempts/{attempt_id}/answers"


def nothing_saved(attempt_id):
    assert not AttemptItem.objects.filter(attempt_id=attempt_id, answered_at__isnull=False).exists()


@pytest.mark.parametrize(
    "position, response",
    [
        (0, {"choice": 0, "note": "x" * 1000}),  # an extra key
        (0, {"text": "定存"}),  # a short answer's shape for a single-choice question
        (0, {"choice": 0, "choices": [0]}),
        (1, {"text": "定" * 501}),  # longer than an answer may be
        (1, {"text": "定存\u202e"}),  # a right-to-left override
        (1, {"text": "\u2066定存"}),  # an isolate
        (2, {"value": "3" * 200}),
        (2, {"value": "3.25", "unit": "%"}),
    ],
)
def test_answers_that_do_not_fit_the_question_are_refused_and_not_stored(
    signed_in, attempt, position, response
):
    refused = post(signed_in, answers_url(attempt), {"position": position, "response": response})
    assert refused.status_code in (400, 422), refused.content
    data = problem(refused, refused.status_code)
    assert data["field"].startswith("response")
    nothing_saved(attempt)


def test_extra_keys_beside_the_answer_are_refused(signed_in, attempt):
    refused = post(
        signed_in, answers_url(attempt), {"position": 0, "response": {"choice": 0}, "score": 1}
    )
    assert problem(refused, 422)["field"] == "score"
    nothing_saved(attempt)


def test_a_fitting_answer_is_stored_as_sent(signed_in, attempt):
    saved = post(signed_in, answers_url(attempt), {"position": 1, "response": {"text": "定存"}})
    assert saved.status_code == 200, saved.content
    item = AttemptItem.objects.get(attempt_id=attempt, position=1)
    assert item.response == {"text": "定存"}
    assert item.score == 1.0


@pytest.mark.parametrize(
    "body",
    [
        '{"position": 0, "response": {"choice": NaN}}',
        '{"position": 0, "response": {"choice": Infinity}}',
        '{"position": 0, "response": {"choice": -Infinity}}',
        '{"position": 2, "response": {"value": 1e999}}',
        '{"position": NaN, "response": {"choice": 0}}',
        '{"position": 0, "response": {"choice": 18446744073709551616}}',
        '{"position": 99999999999999999999999999999, "response": {"choice": 0}}',
    ],
)
def test_numbers_json_does_not_allow_or_that_overflow_are_a_400(signed_in, attempt, body):
    data = problem(post_raw(signed_in, answers_url(attempt), body), 400)
    assert data["code"] == "invalid_number"
    assert data["field"] == "body"
    nothing_saved(attempt)


def test_undecodable_json_is_a_located_400(signed_in, attempt):
    data = problem(post_raw(signed_in, answers_url(attempt), '{"position": 0,\n "response": '), 400)
    assert data["code"] == "invalid_json"
    assert "第 2 行" in data["message"]  # located, in the default language


@override_settings(LIANBING_API_MAX_BODY_BYTES=4096)
def test_a_body_over_the_api_limit_is_a_413_problem(signed_in, attempt):
    body = json.dumps({"position": 1, "response": {"text": "定" * 3000}})
    data = problem(post_raw(signed_in, answers_url(attempt), body), 413)
    assert data["code"] == "too_large"
    nothing_saved(attempt)


def test_the_api_limit_is_small_by_default(signed_in, attempt):
    body = json.dumps({"position": 1, "response": {"text": "x" * 200_000}})
    assert problem(post_raw(signed_in, answers_url(attempt), body), 413)["code"] == "too_large"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_site_limit_is_a_413_with_a_message_on_pages_too(signed_in):
    response = signed_in.post(
        "/drills/", data="x=" + "y" * 2000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "請求過大" in response.content.decode()  # "too large", in the default language


@pytest.mark.parametrize("debug", [False, True])
def test_multipart_without_a_boundary_is_a_400_problem(signed_in, attempt, debug, settings):
    settings.DEBUG = debug
    response = post_raw(signed_in, answers_url(attempt), "--x\r\n", "multipart/form-data")
    data = problem(response, 400)
    assert "Traceback" not in data["message"]


@pytest.mark.parametrize("attempt_id", [2**63, 2**63 + 1, 2**64, 10**30])
def test_ids_no_database_can_hold_are_refused_not_a_500(signed_in, attempt_id):
    for url in (
        f"/api/quizzes/attempts/{attempt_id}/items/0/open",
        f"/api/quizzes/attempts/{attempt_id}/answers",
        f"/api/quizzes/attempts/{attempt_id}/finish",
        f"/api/quizzes/drills/{attempt_id}/attempts",
    ):
        response = post(signed_in, url, {"position": 0, "response": {"choice": 0}})
        assert problem(response, 422)["field"] in ("attempt_id", "drill_id")
    assert problem(signed_in.get(f"/api/quizzes/attempts/{attempt_id}"), 422)


def test_unknown_drills_and_attempts_answer_the_problem_shape(signed_in, org):
    assert problem(signed_in.post("/api/quizzes/drills/999999/attempts"), 404)["code"] == (
        "not_found"
    )
    assert problem(signed_in.get("/api/quizzes/attempts/999999"), 404)["code"] == "not_found"


def test_anonymous_and_missing_csrf_answer_the_problem_shape(trainee, org):
    assert problem(Client().get("/api/quizzes/drills"), 401)["code"] == "not_signed_in"
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee.user)
    assert problem(client.post("/api/quizzes/drills/1/attempts"), 403)["code"] == "csrf"


def test_a_server_fault_is_a_problem_without_a_traceback(signed_in, monkeypatch, settings):
    import quizzes.api

    def broken(person):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(quizzes.api, "drills_available_to", broken)
    for debug in (False, True):
        settings.DEBUG = debug
        data = problem(signed_in.get("/api/quizzes/drills"), 500)
        assert "secret internals" not in data["message"]


def test_a_drill_needs_at_least_one_allowed_attempt(org):
    drill = Drill(title="限一次", attempts_allowed=0)
    with pytest.raises(ValidationError) as refused:
        drill.full_clean()
    assert "attempts_allowed" in refused.value.message_dict
    Drill(title="不限", attempts_allowed=None).full_clean()
    Drill(title="一次", attempts_allowed=1).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Drill.objects.create(title="零次", attempts_allowed=0)


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_drill_titles_refuse_bidirectional_controls(org, char):
    with pytest.raises(ValidationError) as refused:
        Drill(title=f"利率{char}一口清").full_clean()
    assert "title" in refused.value.message_dict


def test_question_texts_refuse_bidirectional_controls():
    with pytest.raises(ValidationError) as refused:
        validate_question(
            qtype="single",
            stem="選\u202e一個",
            payload={"choices": [{"text": "a\u2067", "fraction": 1}, {"text": "b"}]},
        )
    assert set(refused.value.message_dict) == {"stem", "payload"}
    # Marks that only set direction (LRM, RLM) are fine in Chinese and Arabic text.
    validate_question(
        qtype="single",
        stem="選\u200f一個",
        payload={"choices": [{"text": "a", "fraction": 1}, {"text": "b"}]},
    )


def test_a_shape_no_question_takes_is_a_422_naming_the_response(signed_in, attempt):
    refused = post(signed_in, answers_url(attempt), {"position": 0, "response": {"colour": 1}})
    data = problem(refused, 422)
    assert data["field"].startswith("response.")
    assert "function-wrap" not in data["message"] and "Answer." not in data["message"]


def test_the_admin_drill_form_refuses_zero_attempts_and_bidi_controls(org):
    from quizzes.wagtail_admin.forms import DrillForm

    question = question_make()
    data = {
        "title": "利率一口清",
        "description": "",
        "selection": "fixed",
        "question_count": 10,
        "pass_mark": 80,
        "attempts_allowed": 0,
        "feedback": "immediate",
        "desired_retention": 0.9,
        "fixed_questions": [question.pk],
        "is_active": True,
    }
    form = DrillForm(data=data)
    assert not form.is_valid()
    assert set(form.errors) == {"attempts_allowed"}
    form = DrillForm(data={**data, "attempts_allowed": 1, "description": "先\u202e讀"})
    assert not form.is_valid()
    assert set(form.errors) == {"description"}
    assert DrillForm(data={**data, "attempts_allowed": ""}).is_valid()
