"""An attempt's questions are shown with one markdown_renderer: what decides
their HTML is looked up once per answer of the API, however many questions."""

import pytest

from markup import rendering
from quizzes import presentation
from quizzes.models import FeedbackTiming
from tests.factories import drill_make, question_make
from tests.spies import calls_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lookups(monkeypatch):
    return calls_of(monkeypatch, rendering, "rendering_inputs")


@pytest.mark.parametrize("questions", [2, 8])
def test_a_start_looks_up_the_rendering_once(client, trainee, lookups, questions):
    drill = drill_make([question_make(stem=f"**題{i}**") for i in range(questions)])
    client.force_login(trainee.user)
    response = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts", data="{}", content_type="application/json"
    )
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert len(items) == questions
    assert items[1]["question"]["stem_html"] == "<p><strong>題1</strong></p>"
    assert len(lookups) == 1


@pytest.mark.parametrize("questions", [2, 8])
def test_a_finish_with_the_right_answers_looks_up_the_rendering_once(
    client, trainee, monkeypatch, questions
):
    """The right answers in words (presentation.correct_html) are kept by what
    decides their HTML: the finish's renderer hands them what it looked up."""
    drill = drill_make(
        [question_make(stem=f"題{i}") for i in range(questions)],
        feedback=FeedbackTiming.IMMEDIATE,
    )
    client.force_login(trainee.user)
    started = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts", data="{}", content_type="application/json"
    ).json()
    for item in started["items"]:
        answer = {"position": item["position"], "response": {"choice": 0}}
        saved = client.post(
            f"/api/quizzes/attempts/{started['id']}/answers",
            data=answer,
            content_type="application/json",
        )
        assert saved.status_code == 200, saved.content
    looked_up = calls_of(monkeypatch, rendering, "rendering_inputs")
    looked_up_here = calls_of(monkeypatch, presentation, "rendering_inputs")
    response = client.post(f"/api/quizzes/attempts/{started['id']}/finish")
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert len(items) == questions
    assert (
        items[0]["result"]["solution"]["correct_html"]
        == '<ul class="answer-list"><li>3.25%</li></ul>'
    )
    assert len(looked_up) + len(looked_up_here) == 1


@pytest.mark.parametrize("with_token", [False, True])
def test_a_saved_answer_with_its_result_looks_up_the_rendering_once(
    client, trainee, monkeypatch, with_token
):
    """The answer's feedback, explanation and right answer in words share one
    renderer, through the API and through the answer token's view alike."""
    drill = drill_make([question_make(stem="題")], feedback=FeedbackTiming.IMMEDIATE)
    client.force_login(trainee.user)
    started = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts", data="{}", content_type="application/json"
    ).json()
    headers = {"HTTP_X_ANSWER_TOKEN": started["answer_token"]} if with_token else {}
    looked_up = calls_of(monkeypatch, rendering, "rendering_inputs")
    looked_up_here = calls_of(monkeypatch, presentation, "rendering_inputs")
    saved = client.post(
        f"/api/quizzes/attempts/{started['id']}/answers",
        data={"position": 0, "response": {"choice": 0}},
        content_type="application/json",
        **headers,
    )
    assert saved.status_code == 200, saved.content
    solution = saved.json()["result"]["solution"]
    assert solution["correct_html"] == '<ul class="answer-list"><li>3.25%</li></ul>'
    assert len(looked_up) + len(looked_up_here) == 1
