"""The retention drill flow: the daily job opens the checkpoints that have
come (one drill per course, assigned through a plan of origin retention);
finishing the drill closes the task and records mastery and the score; the
nightly measure exists without the drill."""

from datetime import date, timedelta

import pytest

from courses.models import AssignmentOrigin, FollowUpTask, LearningMeasure, PlanAssignment
from courses.models.followup import FollowUpKind
from courses.services.followup import checkpoint_measures_take, checkpoints_open
from quizzes.models import Drill, MasterySnapshot, QuestionSelection
from quizzes.services import answer_save, attempt_finish, attempt_start
from tests.factories import PersonFactory

from .conftest import complete

pytestmark = pytest.mark.django_db

DONE = date(2026, 3, 10)


def test_a_checkpoint_opens_on_its_day_and_not_before(followup_course, trainee):
    complete(trainee, followup_course, DONE)
    assert checkpoints_open(today=DONE + timedelta(days=29)) == 0
    assert checkpoints_open(today=DONE + timedelta(days=30)) == 1
    task = FollowUpTask.objects.get(kind=FollowUpKind.RETENTION, checkpoint_days=30)
    assignment = task.assignment
    assert assignment.origin == AssignmentOrigin.RETENTION
    assert assignment.person_id == trainee.pk
    assert (assignment.starts_on, assignment.due_on) == (DONE + timedelta(days=30), task.due_on)
    assert assignment.assignees.filter(person=trainee).exists()
    drill = assignment.drill
    assert drill.selection == QuestionSelection.RANDOM and drill.question_count == 10
    assert set(drill.topics.values_list("pk", flat=True)) == set(
        followup_course.topics.values_list("pk", flat=True)
    )
    # Again the same day: nothing new; the +90 checkpoint waits.
    assert checkpoints_open(today=DONE + timedelta(days=31)) == 0
    assert not FollowUpTask.objects.get(checkpoint_days=90, kind="retention").assignment


def test_one_drill_serves_everyone_on_the_course(followup_course, trainee, org):
    other = PersonFactory(unit=org["pudong_team"])
    complete(trainee, followup_course, DONE)
    complete(other, followup_course, DONE - timedelta(days=2))
    assert checkpoints_open(today=DONE + timedelta(days=30)) == 2
    assert checkpoints_open(today=DONE + timedelta(days=95)) == 2
    assert Drill.objects.count() == 1
    assert PlanAssignment.objects.filter(origin=AssignmentOrigin.RETENTION).count() == 4


def test_finishing_the_drill_closes_the_task_and_records_the_score(
    followup_course, trainee, questions, django_capture_on_commit_callbacks
):
    complete(trainee, followup_course, DONE)
    checkpoints_open(today=DONE + timedelta(days=30))
    task = FollowUpTask.objects.get(kind=FollowUpKind.RETENTION, checkpoint_days=30)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = attempt_start(drill=task.assignment.drill, person=trainee)
        items = list(attempt.items.order_by("position"))
        assert len(items) == 6  # every question of the course's topics (fewer than 10)
        for item in items:
            answer_save(
                attempt_id=attempt.pk,
                position=item.position,
                user=trainee.user,
                response={"choice": 0},
            )
        attempt_finish(attempt_id=attempt.pk, person=trainee)
    task.refresh_from_db()
    assert task.done_at is not None
    measure = LearningMeasure.objects.get(person=trainee, course=followup_course, point=30)
    attempt.refresh_from_db()
    assert measure.retention_score == pytest.approx(attempt.score)
    assert measure.mastery is not None and measure.topics == 2
    # The +90 task is untouched.
    assert FollowUpTask.objects.get(kind="retention", checkpoint_days=90).done_at is None


def test_the_nightly_measure_exists_without_the_drill(followup_course, trainee, topics):
    complete(trainee, followup_course, DONE)
    day30 = DONE + timedelta(days=30)
    MasterySnapshot.objects.create(person=trainee, topic=topics[0], date=day30, mastery=0.7)
    MasterySnapshot.objects.create(person=trainee, topic=topics[1], date=day30, mastery=0.5)
    assert checkpoint_measures_take(today=day30 - timedelta(days=1)) == 0
    assert checkpoint_measures_take(today=day30 + timedelta(days=2)) == 1
    measure = LearningMeasure.objects.get(person=trainee, point=30)
    assert (measure.measured_on, measure.topics) == (day30, 2)
    assert measure.mastery == pytest.approx(0.6)
    assert measure.retention_score is None
    assert checkpoint_measures_take(today=day30 + timedelta(days=3)) == 0


def test_the_retention_drill_is_taken_from_the_plan_not_listed_to_everyone(
    client, followup_course, trainee, org, questions
):
    """Regression: the retention drill showed in every trainee's drill list."""
    from django.urls import reverse

    complete(trainee, followup_course, DONE)
    checkpoints_open(today=DONE + timedelta(days=30))
    drill = FollowUpTask.objects.get(
        kind=FollowUpKind.RETENTION, checkpoint_days=30
    ).assignment.drill
    assert drill.listed is False
    listed = Drill.objects.create(title="公開的一口清", selection=QuestionSelection.RANDOM)
    listed.topics.set(followup_course.topics.all())
    colleague = PersonFactory(unit=org["pudong_team"])
    client.force_login(colleague.user)
    html = client.get(reverse("quizzes:drill_list")).content.decode()
    assert reverse("quizzes:drill_take", args=[listed.pk]) in html
    assert reverse("quizzes:drill_take", args=[drill.pk]) not in html
    client.force_login(trainee.user)
    assert client.get(reverse("quizzes:drill_take", args=[drill.pk])).status_code == 200
