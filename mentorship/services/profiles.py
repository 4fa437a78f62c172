"""Writes of mentor profiles and mentee needs.

A colleague becomes a mentor by opting in themself, or by a manager's
nomination that they accept (or decline, with a reason); the nominator hears
either way. A mentor may change their offer and step back once no pair of
theirs is open. A manager records what a mentee needs. Every function checks
the scope itself (PermissionDenied), so that no caller can skip it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.services import notice_send
from people.models import Person
from people.selectors import people_managed_by, person_for_user
from people.services import person_guidance_type_set

from ..conf import mentorship_settings
from ..models import MenteeNeed, MentorProfile, MentorStatus
from ..selectors.profiles import open_pairs_of_mentor


def _check_capacity(capacity: int) -> None:
    if not 1 <= capacity <= mentorship_settings.MAX_CAPACITY:
        raise ValidationError(
            {
                "capacity": _("Take between 1 and %(most)s mentees at once.")
                % {"most": mentorship_settings.MAX_CAPACITY}
            }
        )


def _manages(user, person: Person) -> bool:
    return people_managed_by(user).filter(pk=person.pk).exists()


@transaction.atomic
def mentor_opt_in(
    *, person: Person, by_user, capacity: int, strengths=(), introduction: str = ""
) -> MentorProfile:
    """The person offers to mentor (only for themself). A pending nomination is
    taken as accepted; a declined or withdrawn profile becomes active again."""
    if person_for_user(by_user) != person:
        raise PermissionDenied
    _check_capacity(capacity)
    profile = MentorProfile.objects.select_for_update().filter(person=person).first()
    nominated = profile is not None and profile.status == MentorStatus.NOMINATED
    if profile is None:
        profile = MentorProfile(person=person)
    profile.status = MentorStatus.ACTIVE
    profile.capacity = capacity
    profile.introduction = introduction
    profile.decline_reason = ""
    profile.save()
    profile.strengths.set(strengths)
    if nominated:
        _tell_nominator(profile=profile, accepted=True)
    return profile


@transaction.atomic
def mentor_nominate(*, person: Person, by_user, capacity: int | None = None) -> MentorProfile:
    """A manager nominates one of their people; the person is told and answers.
    Someone already mentoring or already asked cannot be nominated again."""
    if not _manages(by_user, person) or person_for_user(by_user) == person:
        raise PermissionDenied
    profile = MentorProfile.objects.select_for_update().filter(person=person).first()
    if profile is not None and profile.status == MentorStatus.ACTIVE:
        raise ValidationError(_("%(name)s is already a mentor.") % {"name": person.name})
    if profile is not None and profile.status == MentorStatus.NOMINATED:
        raise ValidationError(
            _("%(name)s has already been nominated and not answered yet.") % {"name": person.name}
        )
    if profile is None:
        profile = MentorProfile(person=person)
    if capacity is not None:
        _check_capacity(capacity)
        profile.capacity = capacity
    profile.status = MentorStatus.NOMINATED
    profile.nominated_by = by_user
    profile.decline_reason = ""
    profile.save()
    notice_send(
        recipient=person.user,
        message=_("%(manager)s nominated you as a mentor. Please accept or decline."),
        link=reverse("mentorship:home"),
        manager=_user_name(by_user),
    )
    return profile


@transaction.atomic
def mentor_nomination_answer(
    *, profile: MentorProfile, by_user, accept: bool, reason: str = ""
) -> MentorProfile:
    """The nominee accepts (the profile becomes active) or declines with a
    reason; the nominator gets a notice either way."""
    if person_for_user(by_user) != profile.person:
        raise PermissionDenied
    profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != MentorStatus.NOMINATED:
        raise ValidationError(_("This nomination has already been answered."))
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why you decline, for your manager.")})
    profile.status = MentorStatus.ACTIVE if accept else MentorStatus.DECLINED
    profile.decline_reason = "" if accept else reason
    profile.save(update_fields=["status", "decline_reason", "updated_at"])
    _tell_nominator(profile=profile, accepted=accept)
    return profile


def _user_name(user) -> str:
    person = person_for_user(user)
    return person.name if person else user.get_username()


def _tell_nominator(*, profile: MentorProfile, accepted: bool) -> None:
    if profile.nominated_by is None:
        return
    if accepted:
        message = _("%(name)s accepted your nomination as a mentor.")
    else:
        message = _("%(name)s declined your nomination as a mentor: %(reason)s")
    notice_send(
        recipient=profile.nominated_by,
        message=message,
        link=reverse("mentorship:people"),
        name=profile.person.name,
        reason=profile.decline_reason,
    )


@transaction.atomic
def mentor_profile_update(
    *, profile: MentorProfile, by_user, capacity: int, strengths=(), introduction: str = ""
) -> MentorProfile:
    """The mentor changes their offer. A capacity below the mentees they have now
    is refused: nobody is dropped by an edit."""
    if person_for_user(by_user) != profile.person:
        raise PermissionDenied
    _check_capacity(capacity)
    open_pairs = open_pairs_of_mentor(profile.person_id)
    if capacity < open_pairs:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "You mentor %(count)s person now; take at least that many.",
                    "You mentor %(count)s people now; take at least that many.",
                    open_pairs,
                )
                % {"count": open_pairs}
            }
        )
    profile.capacity = capacity
    profile.introduction = introduction
    profile.save(update_fields=["capacity", "introduction", "updated_at"])
    profile.strengths.set(strengths)
    return profile


@transaction.atomic
def mentor_step_back(*, profile: MentorProfile, by_user) -> MentorProfile:
    """The mentor stops offering (WITHDRAWN). While a pair of theirs is open
    (proposed or active) they must first see it through or have it ended, so
    no mentee is left without a word."""
    if person_for_user(by_user) != profile.person:
        raise PermissionDenied
    open_pairs = open_pairs_of_mentor(profile.person_id)
    if open_pairs:
        raise ValidationError(
            ngettext(
                "You still mentor %(count)s person. Finish or end that pair with your "
                "manager first; you then step back.",
                "You still mentor %(count)s people. Finish or end those pairs with your "
                "manager first; you then step back.",
                open_pairs,
            )
            % {"count": open_pairs}
        )
    profile.status = MentorStatus.WITHDRAWN
    profile.save(update_fields=["status", "updated_at"])
    return profile


@transaction.atomic
def mentee_need_set(
    *,
    person: Person,
    by_user,
    seeking: bool,
    focus_topics=(),
    manager_note: str = "",
    guidance_type: str | None = None,
) -> MenteeNeed:
    """The manager records what one of their people needs from a mentor; the
    guidance type, kept on the person, goes through people's own service."""
    if not _manages(by_user, person) or person_for_user(by_user) == person:
        raise PermissionDenied
    need, _created = MenteeNeed.objects.get_or_create(person=person)
    need.seeking = seeking
    need.manager_note = manager_note
    need.updated_by = by_user
    need.save()
    need.focus_topics.set(focus_topics)
    if guidance_type is not None:
        person_guidance_type_set(person=person, guidance_type=guidance_type, by_user=by_user)
    return need
