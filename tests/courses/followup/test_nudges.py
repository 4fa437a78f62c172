"""Overdue follow-up tasks: a notice to the owner once, then, a week later,
to the person's line managers, once."""

from datetime import UTC, date, datetime, timedelta

import pytest

from courses.models import FollowUpTask
from courses.services.followup_nudges import followup_tasks_nudge
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import complete

pytestmark = pytest.mark.django_db

DONE = date(2026, 3, 10)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)


def test_overdue_is_nudged_then_escalated_once(followup_course, trainee, manager, org):
    branch_head = PersonFactory(
        unit=org["branch"], user__roles=[Role.MANAGER], manages=[org["branch"]]
    )
    complete(trainee, followup_course, DONE)
    reaction = FollowUpTask.objects.get(kind="reaction")
    due = reaction.due_on
    assert followup_tasks_nudge(now=at(due)) == (0, 0)  # due today: not overdue yet
    nudged, escalated = followup_tasks_nudge(now=at(due + timedelta(days=1)))
    assert (nudged, escalated) == (1, 0)
    notices = list(Notice.objects.values_list("recipient_id", "link"))
    assert notices == [(trainee.user_id, "/learning/followup/")]
    # Again: nothing new; six days later: still nothing.
    assert followup_tasks_nudge(now=at(due + timedelta(days=2))) == (0, 0)
    assert followup_tasks_nudge(now=at(due + timedelta(days=7))) == (0, 0)
    assert followup_tasks_nudge(now=at(due + timedelta(days=8))) == (0, 1)
    escalations = set(
        Notice.objects.exclude(recipient=trainee.user).values_list("recipient_id", flat=True)
    )
    assert escalations == {manager.user_id, branch_head.user_id}
    assert followup_tasks_nudge(now=at(due + timedelta(days=30))) == (0, 0)
    reaction.refresh_from_db()
    assert reaction.nudged_at == at(due + timedelta(days=1))
    assert reaction.escalated_at == at(due + timedelta(days=8))


def test_a_done_task_is_never_nudged(followup_course, trainee):
    complete(trainee, followup_course, DONE)
    FollowUpTask.objects.update(done_at=at(DONE))
    assert followup_tasks_nudge(now=at(DONE + timedelta(days=400))) == (0, 0)
    assert not Notice.objects.exists()


def test_the_owner_of_an_escalated_observation_is_not_told_twice(followup_course, trainee, manager):
    complete(trainee, followup_course, DONE)
    task = FollowUpTask.objects.get(kind="behaviour", checkpoint_days=30)
    FollowUpTask.objects.exclude(pk=task.pk).update(done_at=at(DONE))
    followup_tasks_nudge(now=at(task.due_on + timedelta(days=1)))
    followup_tasks_nudge(now=at(task.due_on + timedelta(days=9)))
    assert list(Notice.objects.values_list("recipient_id", flat=True)) == [manager.user_id]
