"""An assigned person moves on through signals: enrolment and completion of the
course, attempts at the drill (a failed attempt does not count)."""

import datetime

from django.utils import timezone

from courses.models import CoursePage, Enrollment, PlanAssignee
from courses.selectors.plans import AssigneeStatus, assignees_with_status
from courses.services import enrollment_create
from courses.signals import course_completed
from quizzes.models import Attempt, AttemptStatus
from quizzes.signals import ATTEMPT, attempt_finished

from .conftest import assign


def status_of(assignment, person):
    return assignees_with_status().get(assignment=assignment, person=person).status


def test_enrolment_starts_and_completion_finishes_a_course(manager, trainee, course):
    assignment = assign(manager, course=course, person=trainee)
    assert status_of(assignment, trainee) == AssigneeStatus.NOT_STARTED
    enrollment_create(person=trainee, course=course)
    assert status_of(assignment, trainee) == AssigneeStatus.IN_PROGRESS
    course_completed.send(sender=CoursePage, person_id=trainee.pk, course_id=course.pk)
    row = PlanAssignee.objects.get(assignment=assignment, person=trainee)
    assert row.completed_at is not None
    assert status_of(assignment, trainee) == AssigneeStatus.DONE


def test_a_completion_before_the_start_does_not_count(manager, trainee, course):
    """Chosen rule: a course completed before the assignment's start date is not done."""
    now = timezone.now()
    Enrollment.objects.create(
        person=trainee,
        course=course,
        enrolled_at=now - datetime.timedelta(days=60),
        completed_at=now - datetime.timedelta(days=40),
    )
    before = assign(manager, course=course, person=trainee)  # starts today
    earlier = assign(
        manager,
        course=course,
        person=trainee,
        starts=timezone.localdate() - datetime.timedelta(days=50),
    )
    assert status_of(before, trainee) == AssigneeStatus.IN_PROGRESS
    assert status_of(earlier, trainee) == AssigneeStatus.DONE


def test_completion_does_not_finish_an_assignment_that_has_not_started(manager, trainee, course):
    later = assign(
        manager,
        course=course,
        person=trainee,
        starts=timezone.localdate() + datetime.timedelta(days=5),
    )
    course_completed.send(sender=CoursePage, person_id=trainee.pk, course_id=course.pk)
    assert PlanAssignee.objects.get(assignment=later).completed_at is None


def _attempt(person, drill):
    return Attempt.objects.create(person=person, drill=drill, started_at=timezone.now())


def test_a_drill_is_started_by_an_attempt_and_done_when_passed(manager, trainee, drill):
    assignment = assign(manager, drill=drill, person=trainee)
    attempt = _attempt(trainee, drill)
    assert status_of(assignment, trainee) == AssigneeStatus.IN_PROGRESS
    attempt_finished.send(
        sender=ATTEMPT,
        attempt_id=attempt.pk,
        person_id=trainee.pk,
        drill_id=drill.pk,
        score=0.2,
        passed=False,
    )
    assert status_of(assignment, trainee) == AssigneeStatus.IN_PROGRESS
    attempt_finished.send(
        sender=ATTEMPT,
        attempt_id=attempt.pk,
        person_id=trainee.pk,
        drill_id=drill.pk,
        score=0.9,
        passed=True,
    )
    assert status_of(assignment, trainee) == AssigneeStatus.DONE


def test_a_drill_without_pass_mark_is_done_when_finished(manager, trainee, drill):
    assignment = assign(manager, drill=drill, person=trainee)
    attempt_finished.send(
        sender=ATTEMPT,
        attempt_id=1,
        person_id=trainee.pk,
        drill_id=drill.pk,
        score=0.5,
        passed=None,
    )
    assert status_of(assignment, trainee) == AssigneeStatus.DONE


def test_an_earlier_passed_attempt_counts_when_assigned_after_it(manager, trainee, drill):
    now = timezone.now()
    Attempt.objects.create(
        person=trainee,
        drill=drill,
        started_at=now,
        finished_at=now,
        status=AttemptStatus.FINISHED,
        passed=True,
    )
    assignment = assign(manager, drill=drill, person=trainee)
    assert status_of(assignment, trainee) == AssigneeStatus.DONE


def test_overdue_when_due_date_passed(manager, trainee, course):
    today = timezone.localdate()
    assignment = assign(
        manager,
        course=course,
        person=trainee,
        starts=today - datetime.timedelta(days=10),
        due=today - datetime.timedelta(days=1),
    )
    assert status_of(assignment, trainee) == AssigneeStatus.OVERDUE
