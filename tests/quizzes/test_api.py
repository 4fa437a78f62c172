import json

import pytest
from django.test import Client

from people.roles import Role
from quizzes.models import AttemptStatus
from quizzes.presentation import item_seed, solution
from tests.budgets import session_queries
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem=f"題{i}") for i in range(3)], time_limit=120)


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee.user)
    return client


def start(client, drill):
    response = post(client, f"/api/quizzes/drills/{drill.pk}/attempts")
    assert response.status_code == 200, response.content
    return response.json()


def right_display_choice(data, position):
    from quizzes.models import Attempt

    attempt = Attempt.objects.get(pk=data["id"])
    item = attempt.items.get(position=position)
    return solution(
        qtype="single",
        stem="",
        payload=item.version.payload,
        general_feedback="",
        seed=item_seed(attempt.seed, position),
        shuffle=True,
    )["correct"][0]


def test_full_flow_over_http(signed_in, drill):
    data = start(signed_in, drill)
    assert data["status"] == "in_progress"
    assert data["seconds_left"] <= 120
    raw = json.dumps(data, ensure_ascii=False)
    assert "fraction" not in raw and "這是活期利率" not in raw, "no answers before answering"

    choice = right_display_choice(data, 0)
    response = post(
        signed_in,
        f"/api/quizzes/attempts/{data['id']}/answers",
        {"position": 0, "response": {"choice": choice}},
    )
    assert response.status_code == 200
    assert response.json()["result"]["correct"] is True

    response = post(signed_in, f"/api/quizzes/attempts/{data['id']}/finish")
    assert response.status_code == 200
    assert response.json()["status"] == AttemptStatus.FINISHED
    again = post(signed_in, f"/api/quizzes/attempts/{data['id']}/finish")
    assert again.status_code == 409 and again.json()["code"] == "finished"


def test_feedback_after_finishing_hides_results_until_then(signed_in, org):
    drill = drill_make([question_make(), question_make(stem="另一題")], feedback="after")
    data = start(signed_in, drill)
    choice = right_display_choice(data, 0)
    saved = post(
        signed_in,
        f"/api/quizzes/attempts/{data['id']}/answers",
        {"position": 0, "response": {"choice": choice}},
    ).json()
    assert saved["result"] is None
    state = signed_in.get(f"/api/quizzes/attempts/{data['id']}").json()
    assert all(item["result"] is None for item in state["items"])
    assert "correct" not in json.dumps(state)
    finished = post(signed_in, f"/api/quizzes/attempts/{data['id']}/finish").json()
    assert finished["items"][0]["result"]["correct"] is True


def test_reload_resumes(signed_in, drill):
    first = start(signed_in, drill)
    post(
        signed_in,
        f"/api/quizzes/attempts/{first['id']}/answers",
        {"position": 0, "response": {"choice": 0}},
    )
    second = start(signed_in, drill)
    assert second["id"] == first["id"]
    assert second["items"][0]["answered"] is True


def test_bad_answer_is_a_located_400(signed_in, drill):
    data = start(signed_in, drill)
    response = post(
        signed_in,
        f"/api/quizzes/attempts/{data['id']}/answers",
        {"position": 0, "response": {"choice": 99}},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "response"
    missing = post(signed_in, f"/api/quizzes/attempts/{data['id']}/answers", {"response": {}})
    assert missing.status_code == 422


def test_another_trainee_cannot_read_or_answer_by_id(signed_in, drill, org, client):
    data = start(signed_in, drill)
    other = PersonFactory(unit=org["pudong_team"])
    intruder = Client()
    intruder.force_login(other.user)
    assert intruder.get(f"/api/quizzes/attempts/{data['id']}").status_code == 404
    response = post(
        intruder,
        f"/api/quizzes/attempts/{data['id']}/answers",
        {"position": 0, "response": {"choice": 0}},
    )
    assert response.status_code == 404
    assert post(intruder, f"/api/quizzes/attempts/{data['id']}/finish").status_code == 404
    assert intruder.get(f"/drills/attempts/{data['id']}/").status_code == 404


def test_manager_of_another_branch_cannot_see_the_attempt(signed_in, drill, org, manager):
    data = start(signed_in, drill)
    outsider = PersonFactory(unit=org["puxi"], manages=[org["puxi"]])
    client = Client()
    client.force_login(outsider.user)
    assert client.get(f"/drills/attempts/{data['id']}/").status_code == 404
    client.force_login(manager.user)
    assert client.get(f"/drills/attempts/{data['id']}/").status_code == 200


def test_anonymous_is_refused(client, drill):
    assert client.get("/api/quizzes/drills").status_code == 401


def test_csrf_is_required_for_unsafe_methods(trainee, drill):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee.user)
    response = post(client, f"/api/quizzes/drills/{drill.pk}/attempts")
    assert response.status_code == 403


def test_openapi_schema(signed_in):
    schema = signed_in.get("/api/openapi.json").json()
    assert "/api/quizzes/attempts/{attempt_id}/answers" in schema["paths"]


def test_attempt_read_query_count_is_flat(signed_in, org, django_assert_max_num_queries):
    few = drill_make([question_make() for _ in range(2)])
    many = drill_make([question_make() for _ in range(12)], title="多題")
    few_id, many_id = start(signed_in, few)["id"], start(signed_in, many)["id"]
    signed_in.get(f"/api/quizzes/attempts/{few_id}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert signed_in.get(f"/api/quizzes/attempts/{few_id}").status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert signed_in.get(f"/api/quizzes/attempts/{many_id}").status_code == 200


def test_saving_an_answer_over_http_takes_four_queries(
    signed_in, drill, django_assert_max_num_queries
):
    """The session (none when sessions are read from Redis), the user, the item
    with all it needs and the write of the answer: no transaction, no memory
    state (moved on at the finish), no person (the item is found through the user)."""
    data = start(signed_in, drill)
    post(
        signed_in,
        f"/api/quizzes/attempts/{data['id']}/answers",
        {"position": 0, "response": {"choice": 0}},
    )
    with django_assert_max_num_queries(4):
        response = post(
            signed_in,
            f"/api/quizzes/attempts/{data['id']}/answers",
            {"position": 1, "response": {"choice": 0}},
        )
    assert response.status_code == 200 and response.json()["saved"] is True


@pytest.mark.parametrize("questions", [3, 12])
def test_finishing_over_http_takes_the_same_queries_at_any_size(
    signed_in, org, questions, django_assert_max_num_queries
):
    """In one transaction (a savepoint here) the attempt locked (found through
    the user, who comes from the reader's cache), its items (read once: for
    the grade, the memory model and the answer), the grade, the memory states
    made and locked (one statement) and written. The receivers of
    attempt_finished (other apps') run after the commit, which the test's own
    transaction never reaches."""
    drill = drill_make([question_make(stem=f"題{i}") for i in range(questions)])
    data = start(signed_in, drill)
    for item in data["items"]:
        post(
            signed_in,
            f"/api/quizzes/attempts/{data['id']}/answers",
            {"position": item["position"], "response": {"choice": 0}},
        )
    with django_assert_max_num_queries(7 + session_queries()):
        response = post(signed_in, f"/api/quizzes/attempts/{data['id']}/finish")
    assert response.status_code == 200 and response.json()["status"] == AttemptStatus.FINISHED
    assert len(response.json()["items"]) == questions


def test_drill_pages(signed_in, drill):
    listing = signed_in.get("/drills/")
    assert listing.status_code == 200 and drill.title in listing.content.decode()
    take = signed_in.get(f"/drills/{drill.pk}/")
    assert take.status_code == 200 and "drill.js" in take.content.decode()


def test_drill_outside_audience_is_404(signed_in, org):
    drill = drill_make([question_make()])
    drill.audience.add(org["puxi"])
    assert signed_in.get(f"/drills/{drill.pk}/").status_code == 404
    assert post(signed_in, f"/api/quizzes/drills/{drill.pk}/attempts").status_code == 404


@pytest.mark.parametrize("questions", [3, 12])
def test_starting_a_drill_takes_at_most_seven_queries(
    signed_in, org, questions, django_assert_max_num_queries
):
    """The user comes from the reader's cache, the session from Redis (or one
    query more where sessions are in the database, as in these tests). The
    drill with whether it is open to the person (its audience) and their
    attempt in progress (one query), the drill's questions with their current
    versions (one), the attempt and its items written (a new attempt also
    moves the person's training plans of the drill on: one update); the
    items are not read back. The test's own transaction adds a savepoint and
    its release. The same whatever the number of questions; resuming takes
    fewer (the attempt in progress locked, its items read)."""
    drill = drill_make([question_make(stem=f"題{i}") for i in range(questions)])
    drill.audience.add(org["pudong"])
    signed_in.get("/api/quizzes/drills")  # the reader's cache warms up
    with django_assert_max_num_queries(7 + session_queries()):
        first = start(signed_in, drill)
    assert len(first["items"]) == questions and first["drill_title"] == drill.title
    with django_assert_max_num_queries(5 + session_queries()):
        again = start(signed_in, drill)
    assert again == {**first, "server_time": again["server_time"]}


def test_a_refused_start_creates_nothing(signed_in, org):
    from quizzes.models import Attempt

    outside = drill_make([question_make()])
    outside.audience.add(org["puxi"])
    inactive = drill_make([question_make()], is_active=False)
    for drill in (outside, inactive):
        response = post(signed_in, f"/api/quizzes/drills/{drill.pk}/attempts")
        assert response.status_code == 404
        assert response.json() == post(signed_in, "/api/quizzes/drills/999999/attempts").json()
    assert not Attempt.objects.exists()


def test_each_attempt_keeps_its_own_choice_order(signed_in, org):
    from quizzes.models import Attempt

    payload = {"choices": [{"text": f"選項{i}", "fraction": float(i == 0)} for i in range(6)]}
    drill = drill_make([question_make(payload=payload)], shuffle_choices=True)
    other = Client()
    other.force_login(PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]).user)
    first, second = start(signed_in, drill)["id"], start(other, drill)["id"]
    # Seeds 1 and 2 give different orders of six choices; the server draws them at random.
    Attempt.objects.filter(pk=first).update(seed=1)
    Attempt.objects.filter(pk=second).update(seed=2)

    def shown(client, attempt_id):
        response = client.get(f"/api/quizzes/attempts/{attempt_id}")
        assert response.status_code == 200
        return [choice["html"] for choice in response.json()["items"][0]["question"]["choices"]]

    authored = [f"<p>選項{i}</p>" for i in range(6)]
    assert shown(signed_in, first) == shown(signed_in, first), "a reload keeps the order"
    assert shown(other, second) == shown(other, second)
    assert shown(signed_in, first) != shown(other, second)
    assert authored not in (shown(signed_in, first), shown(other, second))
