"""Mentor profiles and mentee needs as services: who may do what, and who hears."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mentorship.models import MenteeNeed, MentorProfile, MentorStatus, PairStatus
from mentorship.services.pairs import pair_create
from mentorship.services.profiles import (
    mentee_need_set,
    mentor_nominate,
    mentor_nomination_answer,
    mentor_opt_in,
    mentor_profile_update,
    mentor_step_back,
)
from notifications.models import Notice
from people.roles import Role
from people.services import person_guidance_type_set
from tests.factories import PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def senior(org):
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="資深丙")


@pytest.fixture
def outsider(org):
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE], name="浦西丁")


def test_a_colleague_opts_in_for_themself_only(senior, trainee):
    topic = TopicFactory(name="存款利率", code="deposit")
    profile = mentor_opt_in(person=senior, by_user=senior.user, capacity=3, strengths=[topic])
    assert profile.status == MentorStatus.ACTIVE
    assert profile.capacity == 3
    assert list(profile.strengths.all()) == [topic]
    with pytest.raises(PermissionDenied):
        mentor_opt_in(person=senior, by_user=trainee.user, capacity=2)


def test_capacity_beyond_the_most_is_refused_on_its_field(senior):
    with pytest.raises(ValidationError) as caught:
        mentor_opt_in(person=senior, by_user=senior.user, capacity=99)
    assert "capacity" in caught.value.message_dict


def test_a_manager_nominates_in_scope_and_the_nominee_is_told(manager, senior):
    profile = mentor_nominate(person=senior, by_user=manager.user)
    assert profile.status == MentorStatus.NOMINATED
    assert profile.nominated_by == manager.user
    assert Notice.objects.filter(recipient=senior.user).count() == 1


def test_nobody_nominates_out_of_their_scope(manager, outsider, trainee, senior):
    with pytest.raises(PermissionDenied):
        mentor_nominate(person=outsider, by_user=manager.user)
    with pytest.raises(PermissionDenied):
        mentor_nominate(person=senior, by_user=trainee.user)
    assert not MentorProfile.objects.exists()


def test_a_mentor_or_a_pending_nominee_is_not_nominated_again(manager, senior):
    mentor_nominate(person=senior, by_user=manager.user)
    with pytest.raises(ValidationError):
        mentor_nominate(person=senior, by_user=manager.user)
    MentorProfile.objects.filter(person=senior).update(status=MentorStatus.ACTIVE)
    with pytest.raises(ValidationError):
        mentor_nominate(person=senior, by_user=manager.user)


def test_declining_needs_a_reason_and_the_nominator_hears_it(manager, senior):
    profile = mentor_nominate(person=senior, by_user=manager.user)
    with pytest.raises(ValidationError) as caught:
        mentor_nomination_answer(profile=profile, by_user=senior.user, accept=False, reason=" ")
    assert "reason" in caught.value.message_dict
    mentor_nomination_answer(profile=profile, by_user=senior.user, accept=False, reason="今年考證")
    profile.refresh_from_db()
    assert profile.status == MentorStatus.DECLINED
    assert profile.decline_reason == "今年考證"
    notice = Notice.objects.get(recipient=manager.user)
    assert "今年考證" in notice.text and senior.name in notice.text


def test_accepting_makes_a_mentor_and_tells_the_nominator(manager, senior, trainee):
    profile = mentor_nominate(person=senior, by_user=manager.user)
    with pytest.raises(PermissionDenied):  # only the nominee answers
        mentor_nomination_answer(profile=profile, by_user=trainee.user, accept=True)
    mentor_nomination_answer(profile=profile, by_user=senior.user, accept=True)
    profile.refresh_from_db()
    assert profile.status == MentorStatus.ACTIVE
    assert Notice.objects.filter(recipient=manager.user).count() == 1
    with pytest.raises(ValidationError):  # answered once
        mentor_nomination_answer(profile=profile, by_user=senior.user, accept=False, reason="x")


def test_opting_in_while_nominated_accepts(manager, senior):
    mentor_nominate(person=senior, by_user=manager.user)
    mentor_opt_in(person=senior, by_user=senior.user, capacity=2)
    assert MentorProfile.objects.get(person=senior).status == MentorStatus.ACTIVE
    assert Notice.objects.filter(recipient=manager.user).count() == 1


def test_stepping_back_waits_for_open_pairs(manager, mentor, mentee, org):
    second = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    pairs = [
        pair_create(mentor=mentor, mentee=someone, by_user=manager.user)
        for someone in (mentee, second)
    ]
    profile = MentorProfile.objects.get(person=mentor)
    with pytest.raises(ValidationError):
        mentor_step_back(profile=profile, by_user=mentor.user)
    with pytest.raises(ValidationError) as caught:  # nobody dropped by lowering the capacity
        mentor_profile_update(profile=profile, by_user=mentor.user, capacity=1)
    assert "capacity" in caught.value.message_dict
    assert MentorProfile.objects.get(person=mentor).capacity == 2
    for pair in pairs:
        pair.status = PairStatus.COMPLETED
        pair.save()
    mentor_step_back(profile=profile, by_user=mentor.user)
    assert MentorProfile.objects.get(person=mentor).status == MentorStatus.WITHDRAWN


def test_a_mentor_edits_only_their_own_profile(mentor, trainee):
    profile = MentorProfile.objects.get(person=mentor)
    mentor_profile_update(profile=profile, by_user=mentor.user, capacity=4, introduction="歡迎")
    profile.refresh_from_db()
    assert (profile.capacity, profile.introduction) == (4, "歡迎")
    with pytest.raises(PermissionDenied):
        mentor_profile_update(profile=profile, by_user=trainee.user, capacity=1)


def test_the_manager_sets_needs_and_guidance_type_in_scope_only(manager, trainee, outsider):
    topic = TopicFactory(name="理財產品", code="wealth")
    need = mentee_need_set(
        person=trainee,
        by_user=manager.user,
        seeking=True,
        focus_topics=[topic],
        manager_note="多陪同拜訪",
        guidance_type="lacks_confidence",
    )
    trainee.refresh_from_db()
    assert trainee.guidance_type == "lacks_confidence"
    assert list(need.focus_topics.all()) == [topic]
    assert need.updated_by == manager.user
    with pytest.raises(PermissionDenied):
        mentee_need_set(person=outsider, by_user=manager.user, seeking=True)
    with pytest.raises(PermissionDenied):  # nobody records their own needs
        mentee_need_set(person=trainee, by_user=trainee.user, seeking=True)
    assert MenteeNeed.objects.count() == 1


def test_people_service_sets_the_guidance_type_only_in_scope(manager, trainee, outsider):
    person_guidance_type_set(person=trainee, guidance_type="complacent", by_user=manager.user)
    trainee.refresh_from_db()
    assert trainee.guidance_type == "complacent"
    with pytest.raises(PermissionDenied):
        person_guidance_type_set(person=outsider, guidance_type="complacent", by_user=manager.user)
    with pytest.raises(ValidationError):
        person_guidance_type_set(person=trainee, guidance_type="lazy", by_user=manager.user)
    outsider.refresh_from_db()
    assert outsider.guidance_type == ""
