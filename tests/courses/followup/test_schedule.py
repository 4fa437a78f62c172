"""The checkpoint schedule of the follow-up after training: which tasks a
completion makes, their dates, owners, per-course days, idempotence, and the
learning measures before and at completion."""

from datetime import date, timedelta

import pytest

from courses.models import FollowUpTask, LearningMeasure
from courses.models.followup import FollowUpKind
from people.roles import Role
from quizzes.models import MasterySnapshot
from tests.factories import PersonFactory

from .conftest import complete

pytestmark = pytest.mark.django_db

DONE = date(2026, 3, 10)


def test_completion_schedules_the_survey_and_both_checkpoints(followup_course, trainee, manager):
    tasks = complete(trainee, followup_course, DONE)
    got = sorted(
        (t.kind, t.checkpoint_days, t.due_on, t.owner_id) for t in FollowUpTask.objects.all()
    )
    assert got == sorted(
        [
            (FollowUpKind.REACTION, 0, date(2026, 3, 24), trainee.user_id),
            (FollowUpKind.RETENTION, 30, date(2026, 4, 23), trainee.user_id),
            (FollowUpKind.BEHAVIOUR, 30, date(2026, 4, 23), manager.user_id),
            (FollowUpKind.RETENTION, 90, date(2026, 6, 22), trainee.user_id),
            (FollowUpKind.BEHAVIOUR, 90, date(2026, 6, 22), manager.user_id),
        ]
    )
    assert len(tasks) == 5
    assert {t.completed_on for t in FollowUpTask.objects.all()} == {DONE}


def test_scheduling_twice_changes_nothing(followup_course, trainee, manager):
    complete(trainee, followup_course, DONE)
    before = list(FollowUpTask.objects.values_list("pk", "due_on", "owner_id").order_by("pk"))
    measures = list(LearningMeasure.objects.values_list("pk", "mastery").order_by("pk"))
    complete(trainee, followup_course, DONE)
    assert (
        list(FollowUpTask.objects.values_list("pk", "due_on", "owner_id").order_by("pk")) == before
    )
    assert list(LearningMeasure.objects.values_list("pk", "mastery").order_by("pk")) == measures


def test_the_course_sets_its_own_checkpoints(followup_course, trainee):
    followup_course.followup_days = "7, 60"
    followup_course.save()
    complete(trainee, followup_course, DONE)
    days = sorted(
        FollowUpTask.objects.filter(kind=FollowUpKind.BEHAVIOUR).values_list(
            "checkpoint_days", "due_on"
        )
    )
    assert days == [(7, DONE + timedelta(days=21)), (60, DONE + timedelta(days=74))]


def test_no_checkpoints_leaves_only_the_survey(followup_course, trainee):
    # The model's field is not blank=True, so the editor refuses an empty value
    # (reported); the data may still hold one.
    type(followup_course).objects.filter(pk=followup_course.pk).update(followup_days="")
    followup_course.refresh_from_db()
    complete(trainee, followup_course, DONE)
    assert list(FollowUpTask.objects.values_list("kind", flat=True)) == [FollowUpKind.REACTION]


def test_without_a_line_manager_the_observation_has_no_owner(followup_course, org):
    alone = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    complete(alone, followup_course, DONE)
    owners = set(
        FollowUpTask.objects.filter(kind=FollowUpKind.BEHAVIOUR).values_list("owner", flat=True)
    )
    assert owners == {None}


def test_mastery_before_is_the_snapshot_the_day_before_enrolment(followup_course, trainee, topics):
    enrolled = DONE - timedelta(days=10)
    MasterySnapshot.objects.create(
        person=trainee, topic=topics[0], date=enrolled - timedelta(days=3), mastery=0.4
    )
    MasterySnapshot.objects.create(
        person=trainee, topic=topics[1], date=enrolled - timedelta(days=1), mastery=0.6
    )
    # After enrolment: not "before".
    MasterySnapshot.objects.create(person=trainee, topic=topics[0], date=enrolled, mastery=0.9)
    complete(trainee, followup_course, DONE)
    before = LearningMeasure.objects.get(person=trainee, point=-1)
    assert before.measured_on == enrolled - timedelta(days=1)
    assert before.mastery == pytest.approx(0.5)
    assert before.topics == 2


def test_no_evidence_leaves_mastery_empty(followup_course, trainee):
    complete(trainee, followup_course, DONE)
    measures = {m.point: m for m in LearningMeasure.objects.filter(person=trainee)}
    assert set(measures) == {-1, 0}
    assert measures[-1].mastery is None and measures[-1].topics == 0
    assert measures[0].mastery is None and measures[0].measured_on == DONE


def test_completing_the_course_schedules_through_the_signal(
    followup_course, trainee, manager, django_capture_on_commit_callbacks
):
    from courses.services import lesson_complete

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in followup_course.get_children().live().specific():
            lesson_complete(person=trainee, page=lesson)
    assert FollowUpTask.objects.filter(person=trainee, course=followup_course).count() == 5
