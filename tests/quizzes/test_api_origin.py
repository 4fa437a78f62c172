"""Where a drill was started from travels with its attempt, through the API."""

import pytest

from quizzes.models import Attempt, AttemptStatus
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem="題一")])


def start(client, drill, origin=None):
    url = f"/api/quizzes/drills/{drill.pk}/attempts"
    if origin is not None:
        url += f"?origin={origin}"
    response = client.post(url, data="{}", content_type="application/json")
    assert response.status_code == 200, response.content
    return Attempt.objects.get(pk=response.json()["id"])


def test_a_new_attempt_keeps_the_page_it_was_started_from(client, trainee, drill):
    client.force_login(trainee.user)
    assert (
        start(client, drill, "/courses/deposits/lesson-1/").origin == "/courses/deposits/lesson-1/"
    )


def test_an_address_elsewhere_is_not_kept(client, trainee, drill):
    client.force_login(trainee.user)
    assert start(client, drill, "//evil.example/").origin == ""


def test_a_resumed_attempt_keeps_its_own_origin(client, trainee, drill):
    client.force_login(trainee.user)
    first = start(client, drill, "/courses/deposits/lesson-1/")
    again = start(client, drill, "/courses/other/")
    assert again.pk == first.pk and again.status == AttemptStatus.IN_PROGRESS
    assert again.origin == "/courses/deposits/lesson-1/"


def test_the_drill_page_hands_its_origin_to_the_start_call(client, trainee, drill):
    client.force_login(trainee.user)
    page = client.get(f"/drills/{drill.pk}/", {"next": "/courses/x/"})
    assert page.status_code == 200
    start_url = f"/api/quizzes/drills/{drill.pk}/attempts?origin=/courses/x/"
    assert f'data-start-url="{start_url}"' in page.content.decode()
