"""A manager's decisions on suggestions: accept, accept all, change the
mentor, reject, assign by hand; each records who and when, and notifies."""

import pytest

from mentorship.models import MenteeNeed, Pair, PairEvent, SuggestionStatus
from mentorship.services.matching_decisions import (
    suggestion_accept,
    suggestion_change_mentor,
    suggestion_reject,
    suggestions_accept_all,
)
from mentorship.services.matching_runs import suggestions_run_start
from mentorship.services.pairs import PairingRuleBroken, pair_create
from people.roles import Role
from tests.factories import PersonFactory, mentor_make

pytestmark = pytest.mark.django_db


def seeking_trainee(unit):
    person = PersonFactory(unit=unit, user__roles=[Role.TRAINEE])
    MenteeNeed.objects.create(person=person)
    return person


@pytest.fixture
def run(manager, org):
    for _ in range(3):
        seeking_trainee(org["pudong_team"])
    mentor_make(unit=org["pudong_team"], capacity=2)
    mentor_make(unit=org["pudong"], capacity=1)
    return suggestions_run_start(user=manager.user)


def test_accept_makes_the_pair_and_keeps_who_and_when(run, manager):
    line = run.suggestions.exclude(mentor=None).first()
    pair = suggestion_accept(suggestion=line, by_user=manager.user)
    line.refresh_from_db()
    assert line.status == SuggestionStatus.ACCEPTED and line.decided_by == manager.user
    assert line.decided_at is not None
    assert pair.suggestion == line and pair.assigned_by == manager.user
    assert PairEvent.objects.get(pair=pair).detail == {"suggestion": line.pk}
    assert pair.mentee.user.notices.count() == 1 and pair.mentor.user.notices.count() == 1


def test_accept_all_keeps_going_past_a_pair_now_forbidden(run, manager):
    lines = list(run.suggestions.exclude(mentor=None).order_by("-score", "pk"))
    taken = lines[0]
    # Since the run, another manager's hand gave the first mentee a mentor.
    other = mentor_make(unit=taken.mentee.unit, capacity=1).person
    pair_create(mentor=other, mentee=taken.mentee, by_user=manager.user)
    result = suggestions_accept_all(run=run, by_user=manager.user)
    assert [(s.pk, codes) for s, codes in result.refused] == [(taken.pk, ["mentee_has_pair"])]
    assert len(result.pairs) == len(lines) - 1
    taken.refresh_from_db()
    assert taken.status == SuggestionStatus.WAITING


def test_change_the_mentor(run, manager, org):
    line = run.suggestions.exclude(mentor=None).first()
    another = mentor_make(unit=org["pudong_team"], capacity=1).person
    pair = suggestion_change_mentor(suggestion=line, mentor=another, by_user=manager.user)
    line.refresh_from_db()
    assert pair.mentor == another and line.mentor == another
    assert line.status == SuggestionStatus.CHANGED and line.decided_by == manager.user


def test_change_to_a_forbidden_mentor_names_the_rule(run, manager, org):
    line = run.suggestions.exclude(mentor=None).first()
    far = mentor_make(unit=org["puxi_team"]).person
    with pytest.raises(PairingRuleBroken) as caught:
        suggestion_change_mentor(suggestion=line, mentor=far, by_user=manager.user)
    assert caught.value.codes == ["mentor_out_of_scope"]
    line.refresh_from_db()
    assert line.status == SuggestionStatus.WAITING


def test_reject(run, manager):
    line = run.suggestions.exclude(mentor=None).first()
    suggestion_reject(suggestion=line, by_user=manager.user)
    line.refresh_from_db()
    assert line.status == SuggestionStatus.REJECTED and line.decided_by == manager.user
    assert not Pair.objects.filter(mentee=line.mentee).exists()
    with pytest.raises(ValueError):
        suggestion_reject(suggestion=line, by_user=manager.user)
