"""The API does what its schema says: schemathesis generates requests from
/api/openapi.json (valid and invalid ones, every check, then chains of calls
that follow the schema's links) as a signed-in trainee and as an anonymous
visitor. Every answer must be a status the schema lists, in the shape it
documents; none may be a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CHECKS, load_all_checks

from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db

# Bounded so the whole file fits the CI budget (about a minute on two cores).
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
SCENARIOS = settings(
    max_examples=15,
    stateful_step_count=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)

SESSION: dict = {}

load_all_checks()
ALL_CHECKS = CHECKS.get_all()

application = get_wsgi_application()
signed_in = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
anonymous = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

# For the scenarios only: a link that answers an attempt's first question
# with a shape some of the drills below accept, so that chains reach graded
# answers and not only refusals. (The published schema links the attempt id
# alone: a real answer depends on the question.)
signed_in.raw_schema["paths"]["/api/quizzes/drills/{drill_id}/attempts"]["post"]["responses"][
    "200"
]["links"]["AnswerFirstQuestion"] = {
    "operationId": "quizzes_api_save_answer",
    "parameters": {"attempt_id": "$response.body#/id"},
    "requestBody": {"position": "$response.body#/items/0/position", "response": {"choice": 0}},
}


@signed_in.auth(refresh_interval=None)
class TraineeSession:
    """The session cookie of a signed-in trainee and the CSRF token that goes with it."""

    def get(self, case, context):
        return dict(SESSION)

    def set(self, case, data, context):
        if not data:
            return  # collecting the tests: nobody is signed in yet
        case.cookies = {**(case.cookies or {}), **data["cookies"]}
        case.headers = {**(case.headers or {}), "X-CSRFToken": data["token"]}


@pytest.fixture(autouse=True)
def one_connection():
    """The application runs in the test's own transaction, as Django's test
    client arranges: a finished request must not close the connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def drills(one_connection, org, trainee):
    """Two drills the trainee may take, one with a single allowed attempt."""
    drill_make([question_make(stem=f"題{i}") for i in range(3)])
    drill_make([question_make(stem="只一次")], title="限一次", attempts_allowed=1)
    client = Client()
    client.force_login(trainee.user)
    request = HttpRequest()
    token = get_token(request)
    SESSION.update(
        cookies={
            "sessionid": client.cookies["sessionid"].value,
            "csrftoken": request.META["CSRF_COOKIE"],
        },
        token=token,
    )
    yield
    SESSION.clear()


@signed_in.parametrize()
@EXAMPLES
def test_every_operation_signed_in(case):
    case.call_and_validate(checks=ALL_CHECKS)


@anonymous.parametrize()
@EXAMPLES
def test_every_operation_anonymous(case):
    response = case.call_and_validate(checks=ALL_CHECKS)
    assert response.status_code in (401, 403, 405, 422), response.text


def test_scenarios_signed_in():
    seen = set()

    class Scenarios(signed_in.as_state_machine()):
        def after_call(self, response, case):
            seen.add((case.operation.label, response.status_code))

    Scenarios.run(settings=SCENARIOS)
    # The scenarios followed the links into real attempts, not only into 404s.
    for operation in (
        "POST /api/quizzes/drills/{drill_id}/attempts",
        "GET /api/quizzes/attempts/{attempt_id}",
        "POST /api/quizzes/attempts/{attempt_id}/items/{position}/open",
        "POST /api/quizzes/attempts/{attempt_id}/finish",
    ):
        assert (operation, 200) in seen, sorted(seen)


def test_scenarios_anonymous():
    anonymous.as_state_machine().run(settings=SCENARIOS)
