"""An assigned person moves on through signals: enrolment and completion of the
course, attempts at the drill (a failed attempt does not count)."""

import datetime

from django.utils import timezone

from courses.models import CoursePage, Enrollment, LessonCompletion, PlanAssignee
from courses.models.pages import CompletionRule
from courses.selectors.plans import AssigneeStatus, assignees_with_status
from courses.selectors.progress import course_progress_for, my_learning
from courses.services import enrollment_create, plan_progress
from courses.services.learning import course_completion_check, lesson_complete
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
    # Completed before it starts: taken again, not started until a lesson of the retake.
    assert status_of(before, trainee) == AssigneeStatus.NOT_STARTED
    assert status_of(earlier, trainee) == AssigneeStatus.DONE


def test_a_course_completed_before_the_start_is_taken_again(
    manager, trainee, course, django_capture_on_commit_callbacks
):
    now = timezone.now()
    first_done = now - datetime.timedelta(days=40)
    Enrollment.objects.create(
        person=trainee, course=course, enrolled_at=now - datetime.timedelta(days=60),
        completed_at=first_done,
    )  # fmt: skip
    lessons = [page.specific for page in course.get_children()]
    for lesson in lessons:
        LessonCompletion.objects.create(person=trainee, page=lesson, completed_at=first_done)
    assignment = assign(manager, course=course, person=trainee)  # starts today

    enrollment = Enrollment.objects.get(person=trainee, course=course)
    assert enrollment.retake_since == plan_progress.start_of(timezone.localdate())
    assert not LessonCompletion.objects.filter(person=trainee).exists()

    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(person=trainee, page=lessons[0])
    assert status_of(assignment, trainee) == AssigneeStatus.IN_PROGRESS
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(person=trainee, page=lessons[1])
    assert status_of(assignment, trainee) == AssigneeStatus.DONE
    enrollment.refresh_from_db()
    assert enrollment.completed_at == first_done  # the first completion stays the cohort's
    assert enrollment.retaken_at is not None
    assert enrollment.retake_since is None


def test_a_retake_with_a_final_drill_needs_it_passed_again(
    manager, trainee, course, drill, django_capture_on_commit_callbacks
):
    course.completion_rule = CompletionRule.LESSONS_AND_DRILL
    course.final_drill = drill
    course.save()
    now = timezone.now()
    Enrollment.objects.create(
        person=trainee, course=course, enrolled_at=now - datetime.timedelta(days=60),
        completed_at=now - datetime.timedelta(days=40),
    )  # fmt: skip
    Attempt.objects.create(
        drill=drill, person=trainee, status=AttemptStatus.FINISHED, passed=True,
        started_at=now - datetime.timedelta(days=41), finished_at=now - datetime.timedelta(days=41),
    )  # fmt: skip
    assignment = assign(manager, course=course, person=trainee)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.get_children():
            lesson_complete(person=trainee, page=lesson.specific)
    assert (
        status_of(assignment, trainee) == AssigneeStatus.IN_PROGRESS
    )  # last year's pass is not enough
    Attempt.objects.create(
        drill=drill, person=trainee, status=AttemptStatus.FINISHED, passed=True,
        started_at=timezone.now(), finished_at=timezone.now(),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert course_completion_check(person=trainee, course=course)
    assert status_of(assignment, trainee) == AssigneeStatus.DONE


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


def test_a_course_being_taken_again_shows_as_not_completed(manager, trainee, course):
    now = timezone.now()
    Enrollment.objects.create(
        person=trainee, course=course, enrolled_at=now - datetime.timedelta(days=60),
        completed_at=now - datetime.timedelta(days=40),
    )  # fmt: skip
    assert course_progress_for(course, trainee.user)["completed"] is True
    assert my_learning(trainee)[0]["completed"] is True
    assign(manager, course=course, person=trainee)
    progress = course_progress_for(course, trainee.user)
    assert (progress["completed"], progress["done"]) == (False, set())
    assert my_learning(trainee)[0]["completed"] is False
