"""The end of a pair (completed, or early with a reason) and each side's feedback once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentorship.models import EndFeedback, PairEvent, PairEventKind, PairStatus
from mentorship.services.ending import feedback_give, pair_complete, pair_end_early
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["mentor", "mentee", "manager"])
def test_either_side_or_the_manager_completes_an_active_pair(active, manager, who):
    user = manager.user if who == "manager" else getattr(active, who).user
    Notice.objects.all().delete()
    pair_complete(pair=active, by_user=user)
    active.refresh_from_db()
    assert active.status == PairStatus.COMPLETED
    assert (active.ended_on, active.ended_by) == (timezone.localdate(), user)
    assert PairEvent.objects.filter(pair=active, kind=PairEventKind.COMPLETED).exists()
    assert Notice.objects.count() == 2


def test_a_proposed_pair_is_not_completed_but_may_end_early(proposed):
    with pytest.raises(PermissionDenied):
        pair_complete(pair=proposed, by_user=proposed.mentor.user)
    pair_end_early(pair=proposed, by_user=proposed.mentor.user, reason="時間不合")
    proposed.refresh_from_db()
    assert proposed.status == PairStatus.ENDED_EARLY
    assert proposed.end_reason == "時間不合"


def test_ending_early_needs_a_reason(active):
    with pytest.raises(ValidationError) as caught:
        pair_end_early(pair=active, by_user=active.mentee.user, reason="  ")
    assert "reason" in caught.value.message_dict
    active.refresh_from_db()
    assert active.status == PairStatus.ACTIVE


def test_others_do_not_end_it(active, org):
    colleague = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    with pytest.raises(PermissionDenied):
        pair_end_early(pair=active, by_user=colleague.user, reason="x")
    with pytest.raises(PermissionDenied):
        pair_complete(pair=active, by_user=colleague.user)


def test_an_ended_pair_does_not_end_again(active):
    pair_complete(pair=active, by_user=active.mentor.user)
    with pytest.raises(PermissionDenied):
        pair_end_early(pair=active, by_user=active.mentor.user, reason="x")
    with pytest.raises(PermissionDenied):
        pair_complete(pair=active, by_user=active.mentor.user)


def test_feedback_only_after_the_end_once_per_side(active, manager):
    with pytest.raises(PermissionDenied):
        feedback_give(pair=active, by_user=active.mentee.user, rating=5)
    pair_complete(pair=active, by_user=active.mentor.user)
    feedback_give(pair=active, by_user=active.mentee.user, rating=5, comments="很有幫助")
    feedback_give(pair=active, by_user=active.mentor.user, rating=4)
    with pytest.raises(ValidationError):
        feedback_give(pair=active, by_user=active.mentee.user, rating=3)
    with pytest.raises(PermissionDenied):
        feedback_give(pair=active, by_user=manager.user, rating=3)
    assert EndFeedback.objects.filter(pair=active).count() == 2
    assert PairEvent.objects.filter(pair=active, kind=PairEventKind.FEEDBACK_GIVEN).count() == 2


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_out_of_range_is_located(active, rating):
    pair_complete(pair=active, by_user=active.mentor.user)
    with pytest.raises(ValidationError) as caught:
        feedback_give(pair=active, by_user=active.mentor.user, rating=rating)
    assert "rating" in caught.value.message_dict
