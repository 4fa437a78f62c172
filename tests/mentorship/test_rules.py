"""The hard rules of pairing, checked through pair_create, the one door every
assignment goes through."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mentorship.models import Pair, PairEvent, PairStatus
from mentorship.rules import PairingRules
from mentorship.services.pairs import PairingRuleBroken, pair_create
from people.roles import Role
from tests.factories import PersonFactory, mentor_make


def broken(**kwargs) -> list[str]:
    with pytest.raises(PairingRuleBroken) as caught:
        pair_create(**kwargs)
    return caught.value.codes


def test_a_manager_pairs_two_people_in_scope(manager, mentor, mentee):
    pair = pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    assert pair.status == PairStatus.PROPOSED and pair.assigned_by == manager.user
    assert pair.agreement.acknowledged_by_both is False
    assert PairEvent.objects.get(pair=pair).kind == "assigned"
    texts = {n.recipient_id: n.text for n in mentee.user.notices.all() | mentor.user.notices.all()}
    assert mentor.name in texts[mentee.user.pk] and mentee.name in texts[mentor.user.pk]


def test_both_people_must_be_in_the_managers_scope(manager, mentor, mentee, org):
    outsider = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    far_mentor = mentor_make(unit=org["puxi_team"]).person
    assert broken(mentor=mentor, mentee=outsider, by_user=manager.user) == ["mentee_out_of_scope"]
    assert broken(mentor=far_mentor, mentee=mentee, by_user=manager.user) == ["mentor_out_of_scope"]


def test_never_the_mentees_line_manager(manager, mentee, org):
    team_head = PersonFactory(
        unit=org["pudong_team"], user__roles=[Role.MANAGER], manages=[org["pudong_team"]]
    )
    mentor_make(team_head)
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    assert broken(mentor=team_head, mentee=mentee, by_user=administrator.user) == ["line_manager"]
    # The sub-branch manager above the team is a line manager of the mentee too.
    assert "line_manager" in PairingRules.load(
        user=administrator.user,
        mentor_ids=[manager.pk],
        mentee_ids=[mentee.pk],
        today=timezone.localdate(),
    ).problems(manager.pk, mentee.pk)


def test_never_over_capacity(manager, org):
    mentor = mentor_make(unit=org["pudong_team"], capacity=1).person
    first, second = (PersonFactory(unit=org["pudong_team"]) for _ in range(2))
    pair_create(mentor=mentor, mentee=first, by_user=manager.user)
    assert broken(mentor=mentor, mentee=second, by_user=manager.user) == ["over_capacity"]


def test_one_open_pair_per_mentee_and_only_active_mentors(manager, mentor, mentee, org):
    pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    other = mentor_make(unit=org["pudong_team"]).person
    assert broken(mentor=other, mentee=mentee, by_user=manager.user) == ["mentee_has_pair"]
    plain = PersonFactory(unit=org["pudong_team"])
    newcomer = PersonFactory(unit=org["pudong_team"])
    assert broken(mentor=plain, mentee=newcomer, by_user=manager.user) == ["not_a_mentor"]
    assert broken(mentor=mentor, mentee=mentor, by_user=manager.user)[0] == "self"


def test_a_pair_that_ended_early_waits_six_months(manager, mentor, mentee, settings):
    today = timezone.localdate()
    Pair.objects.create(
        mentor=mentor,
        mentee=mentee,
        status=PairStatus.ENDED_EARLY,
        ended_on=today - timedelta(days=20),
    )
    assert broken(mentor=mentor, mentee=mentee, by_user=manager.user) == ["ended_early_recently"]
    Pair.objects.update(ended_on=today - timedelta(days=settings_days(settings) + 1))
    assert pair_create(mentor=mentor, mentee=mentee, by_user=manager.user).pk


def settings_days(settings) -> int:
    from mentorship.conf import mentorship_settings

    return mentorship_settings.EARLY_END_COOLDOWN_DAYS


def test_the_rules_load_in_a_fixed_number_of_queries(manager, org, django_assert_num_queries):
    mentors = [mentor_make(unit=org["pudong_team"]).person for _ in range(3)]
    mentees = [PersonFactory(unit=org["pudong_team"]) for _ in range(5)]
    today = timezone.localdate()
    for size in (1, 3):
        user = type(manager.user).objects.get(pk=manager.user.pk)  # roles not read yet
        with django_assert_num_queries(8):
            PairingRules.load(
                user=user,
                mentor_ids=[m.pk for m in mentors[:size]],
                mentee_ids=[m.pk for m in mentees],
                today=today,
            )


def test_an_assignment_sends_e_mail_after_commit(
    manager, mentor, mentee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {mentor.user.email, mentee.user.email} <= recipients
