"""The follow-up's services on their own: the observation of a checkpoint
(once, its checklist whole), the retention drill shared by a course, an attempt
at another drill, and who is listed an owner-less observation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import FollowUpTask
from courses.selectors.followup import followup_tasks_for
from courses.services import LearningRefused, observation_record
from courses.services.followup import retention_attempt_record
from people.roles import Role
from quizzes.models import QuestionSelection
from quizzes.services.retention import retention_drill_for_topics
from tests.factories import PersonFactory, TopicFactory

from .conftest import complete

pytestmark = pytest.mark.django_db

ITEMS = [
    {"item": "先問需求再推產品", "changed": True},
    {"item": "每次拜訪留下紀錄", "changed": False},
]


def checkpoint(trainee, course):
    complete(trainee, course, timezone.localdate() - timedelta(days=31))
    return FollowUpTask.objects.get(kind="behaviour", checkpoint_days=30)


def test_a_checkpoint_is_observed_once(followup_course, trainee, manager):
    task = checkpoint(trainee, followup_course)
    args = {"person": trainee, "observer": manager.user, "changed": True, "example": "例"}
    observation_record(**args, task=task, checklist=ITEMS)
    with pytest.raises(LearningRefused):
        observation_record(**args, task=task, checklist=ITEMS)


def test_the_checklist_must_be_answered_whole(followup_course, trainee, manager):
    task = checkpoint(trainee, followup_course)
    with pytest.raises(ValidationError) as caught:
        observation_record(
            person=trainee, observer=manager.user, changed=True, example="例",
            task=task, checklist=ITEMS[:1],
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"checklist"}
    task.refresh_from_db()
    assert task.done_at is None


def test_a_task_of_another_person_is_refused(followup_course, trainee, manager, org):
    task = checkpoint(trainee, followup_course)
    other = PersonFactory(unit=org["pudong_team"])
    with pytest.raises(PermissionDenied):
        observation_record(
            person=other, observer=manager.user, changed=True, example="例",
            task=task, checklist=ITEMS,
        )  # fmt: skip


def test_one_retention_drill_per_title(db):
    first, second = TopicFactory(), TopicFactory()
    drill = retention_drill_for_topics(topic_ids=[first.pk], title="鞏固：存款")
    again = retention_drill_for_topics(topic_ids=[first.pk, second.pk], title="鞏固：存款")
    assert again.pk == drill.pk
    assert set(again.topics.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert drill.selection == QuestionSelection.RANDOM
    assert retention_drill_for_topics(topic_ids=[first.pk], title="鞏固：授信").pk != drill.pk


def test_an_attempt_at_another_drill_closes_nothing(followup_course, trainee):
    complete(trainee, followup_course, timezone.localdate() - timedelta(days=31))
    assert retention_attempt_record(person_id=trainee.pk, drill_id=999999, score=1.0) is None
    assert retention_attempt_record(person_id=trainee.pk, drill_id=None, score=1.0) is None
    assert not FollowUpTask.objects.exclude(done_at=None).exists()


def test_an_ownerless_observation_is_listed_to_managers_in_scope(followup_course, org):
    alone = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    complete(alone, followup_course, timezone.localdate() - timedelta(days=31))
    task = FollowUpTask.objects.get(kind="behaviour", checkpoint_days=30)
    assert task.owner is None
    # A manager who arrives later above the person sees it; one elsewhere does not.
    puxi_head = PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    elsewhere = PersonFactory(
        unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]]
    )
    assert task in followup_tasks_for(puxi_head.user)[0]
    assert task not in followup_tasks_for(elsewhere.user)[0]


def test_a_trainees_own_tasks_are_those_the_rule_lets_them_do(followup_course, trainee):
    """A trainee's list is written out (followup_rows): it must hold what the
    one rule (_may_do_q and _opened_q) holds, in its order, with its total."""
    from courses.selectors.followup import _may_do_q, _opened_q

    complete(trainee, followup_course, timezone.localdate() - timedelta(days=95))
    FollowUpTask.objects.filter(kind="retention", checkpoint_days=90).update(
        due_on=timezone.localdate() + timedelta(days=60)  # not open yet
    )
    FollowUpTask.objects.filter(kind="reaction").update(done_at=timezone.now())  # done
    today = timezone.localdate()
    expected = list(
        FollowUpTask.objects.filter(
            _may_do_q(trainee.user), _opened_q(today), done_at__isnull=True
        ).order_by("due_on", "pk")
    )
    assert [task.kind for task in expected] == ["retention"]  # the 30 days' only
    rows, total = followup_tasks_for(trainee.user)
    assert (rows, total) == (expected, 1)
    task = rows[0]
    assert task.person == trainee and task.course.pk == followup_course.pk
    assert task.owner_id is None or task.owner.pk == task.owner_id

    FollowUpTask.objects.filter(kind="retention").update(due_on=today)  # both open now
    rows, total = followup_tasks_for(trainee.user, limit=1)
    assert len(rows) == 1 and total == 2
