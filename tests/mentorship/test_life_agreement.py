"""The agreement: who may write it and when, both acknowledgements, and the
start of the pair once both have agreed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentorship.models import PairEvent, PairEventKind, PairStatus
from mentorship.services.agreements import agreement_acknowledge, agreement_update
from mentorship.services.ending import pair_end_early
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)
from .life_helpers import goals_of

pytestmark = pytest.mark.django_db


def kinds(pair):
    return list(PairEvent.objects.filter(pair=pair).values_list("kind", flat=True))


def test_either_side_or_the_manager_writes_the_agreement(proposed, manager):
    topic = TopicFactory()
    for user in (proposed.mentor.user, proposed.mentee.user, manager.user):
        agreement_update(pair=proposed, by_user=user, notes=f"由 {user.pk}", goals=goals_of(topic))
    agreement = proposed.agreement
    agreement.refresh_from_db()
    assert agreement.notes == f"由 {manager.user.pk}"
    assert [goal.topic for goal in agreement.goals.all()] == [topic]
    assert kinds(proposed).count(PairEventKind.AGREEMENT_EDITED) == 3


def test_nobody_else_writes_it(proposed, org):
    colleague = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    other_manager = PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
    )
    for user in (colleague.user, other_manager.user):
        with pytest.raises(PermissionDenied):
            agreement_update(pair=proposed, by_user=user, notes="x", goals=goals_of(TopicFactory()))


def test_a_topic_twice_is_refused_on_goals(proposed):
    topic = TopicFactory()
    with pytest.raises(ValidationError) as caught:
        agreement_update(
            pair=proposed, by_user=proposed.mentor.user, notes="", goals=goals_of(topic, topic)
        )
    assert "goals" in caught.value.message_dict


def test_acknowledging_needs_a_goal(proposed):
    with pytest.raises(ValidationError):
        agreement_acknowledge(pair=proposed, by_user=proposed.mentor.user)


def test_the_manager_does_not_acknowledge_for_them(proposed, manager):
    agreement_update(pair=proposed, by_user=manager.user, notes="", goals=goals_of(TopicFactory()))
    with pytest.raises(PermissionDenied):
        agreement_acknowledge(pair=proposed, by_user=manager.user)


def test_both_acknowledgements_start_the_pair(proposed):
    agreement_update(
        pair=proposed, by_user=proposed.mentee.user, notes="", goals=goals_of(TopicFactory())
    )
    agreement_acknowledge(pair=proposed, by_user=proposed.mentor.user)
    proposed.refresh_from_db()
    assert proposed.status == PairStatus.PROPOSED
    Notice.objects.all().delete()
    agreement_acknowledge(pair=proposed, by_user=proposed.mentee.user)
    proposed.refresh_from_db()
    assert proposed.status == PairStatus.ACTIVE
    assert proposed.started_on == timezone.localdate()
    assert kinds(proposed)[-1] == PairEventKind.ACTIVATED
    assert set(Notice.objects.values_list("recipient", flat=True)) == {
        proposed.mentor.user_id,
        proposed.mentee.user_id,
    }


def test_editing_after_an_acknowledgement_clears_both(active):
    agreement = active.agreement
    assert agreement.acknowledged_by_both
    agreement_update(
        pair=active, by_user=active.mentor.user, notes="改了", goals=goals_of(TopicFactory())
    )
    agreement.refresh_from_db()
    assert agreement.mentor_acknowledged_at is None
    assert agreement.mentee_acknowledged_at is None
    event = PairEvent.objects.filter(pair=active, kind=PairEventKind.AGREEMENT_EDITED).last()
    assert event.detail["acknowledgements_cleared"] is True
    active.refresh_from_db()
    assert active.status == PairStatus.ACTIVE  # it goes on; both agree to the new text


def test_saving_the_same_agreement_changes_nothing(active):
    agreement = active.agreement
    goals = [goal for goal in agreement.goals.select_related("topic")]
    agreement_update(
        pair=active,
        by_user=active.mentee.user,
        notes=agreement.notes,
        goals=goals_of(*[goal.topic for goal in goals]),
    )
    agreement.refresh_from_db()
    assert agreement.acknowledged_by_both


def test_no_agreement_changes_once_the_pair_has_ended(active):
    pair_end_early(pair=active, by_user=active.mentee.user, reason="調崗")
    with pytest.raises(PermissionDenied):
        agreement_update(pair=active, by_user=active.mentor.user, notes="", goals=[])
    with pytest.raises(PermissionDenied):
        agreement_acknowledge(pair=active, by_user=active.mentor.user)
