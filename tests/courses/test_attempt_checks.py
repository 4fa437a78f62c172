"""What a finished attempt means to courses is asked in one statement per
request: the finish's two receivers (certification, the retention
checkpoint) share it, each answer is right, and a checkpoint done in the
request is seen by a later check."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.selectors.attempt_checks import (
    attempt_checks_forget,
    exam_of_own_programme,
    open_retention_task_of,
)
from requestmemo import RequestMemoMiddleware
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def _in_a_request(ask):
    seen = []

    def view(request):
        seen.append(ask())
        return HttpResponse("ok")

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    return seen[0]


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem="題")])


def test_both_checks_of_a_finish_cost_one_query_in_a_request(trainee, drill):
    def both():
        with CaptureQueriesContext(connection) as queries:
            answers = (
                exam_of_own_programme(person_id=trainee.pk, drill_id=drill.pk),
                open_retention_task_of(person_id=trainee.pk, drill_id=drill.pk),
            )
        return answers, len(queries.captured_queries)

    assert _in_a_request(both) == ((False, False), 1)
    assert both() == ((False, False), 2)  # outside a request nothing is kept


def test_the_exam_of_a_programme_the_person_is_in(trainee, drill):
    from courses.models import CertificationProgramme, ProgrammeEnrolment

    programme = CertificationProgramme.objects.create(
        name="合規", code="compliance", exam_drill=drill
    )
    assert not exam_of_own_programme(person_id=trainee.pk, drill_id=drill.pk)
    ProgrammeEnrolment.objects.create(
        programme=programme, person=trainee, enrolled_at=timezone.now()
    )
    assert exam_of_own_programme(person_id=trainee.pk, drill_id=drill.pk)
    assert not open_retention_task_of(person_id=trainee.pk, drill_id=drill.pk)


def test_a_forgotten_answer_is_read_again_in_the_request(trainee, drill):
    def asked_twice():
        with CaptureQueriesContext(connection) as queries:
            exam_of_own_programme(person_id=trainee.pk, drill_id=drill.pk)
            attempt_checks_forget(person_id=trainee.pk, drill_id=drill.pk)
            open_retention_task_of(person_id=trainee.pk, drill_id=drill.pk)
        return len(queries.captured_queries)

    assert _in_a_request(asked_twice) == 2
