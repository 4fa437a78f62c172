"""Check-ins: by either side of an active pair, on a day between its start
and today, 1 to 600 minutes; nobody else, and not before or after."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentorship.models import CheckIn, PairEvent, PairEventKind
from mentorship.services.checkins import checkin_log
from mentorship.services.ending import pair_complete

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_either_side_logs_a_check_in(active):
    for person in (active.mentor, active.mentee):
        checkin = checkin_log(
            pair=active, by_user=person.user, met_on=TODAY(), minutes=45, notes="談**開戶**"
        )
        assert checkin.author == person
    assert CheckIn.objects.filter(pair=active).count() == 2
    assert PairEvent.objects.filter(pair=active, kind=PairEventKind.CHECKED_IN).count() == 2


def test_the_manager_and_others_do_not(active, manager):
    with pytest.raises(PermissionDenied):
        checkin_log(pair=active, by_user=manager.user, met_on=TODAY(), minutes=30)


def test_not_after_it_ends(active):
    pair_complete(pair=active, by_user=active.mentor.user)
    with pytest.raises(PermissionDenied):
        checkin_log(pair=active, by_user=active.mentee.user, met_on=TODAY(), minutes=30)


def test_not_before_a_proposed_pair_starts(proposed):
    with pytest.raises(PermissionDenied):
        checkin_log(pair=proposed, by_user=proposed.mentee.user, met_on=TODAY(), minutes=30)


@pytest.mark.parametrize(
    ("days", "minutes", "fields"),
    [
        (1, 30, {"met_on"}),
        (-1, 30, {"met_on"}),
        (0, 0, {"minutes"}),
        (0, 601, {"minutes"}),
        (1, 0, {"met_on", "minutes"}),
    ],
)
def test_bad_input_is_located(active, days, minutes, fields):
    # days > 0: in the future; days < 0: before the pair started (today).
    with pytest.raises(ValidationError) as caught:
        checkin_log(
            pair=active,
            by_user=active.mentor.user,
            met_on=TODAY() + datetime.timedelta(days=days),
            minutes=minutes,
        )
    assert set(caught.value.message_dict) == fields
    assert not CheckIn.objects.exists()
