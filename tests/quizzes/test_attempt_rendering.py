"""An attempt's questions are shown with one markdown_renderer: what decides
their HTML is looked up once per answer of the API, however many questions."""

import pytest

from markup import rendering
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
