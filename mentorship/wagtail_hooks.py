from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import HomePanel, NavItem, RecordSection, named_url
from people.selectors import person_for_user

from .admin_viewsets import mentoring_viewset_group
from .models import MentorStatus
from .selectors.pairs import pairs_visible_to
from .selectors.profiles import (
    mentor_profile_of,
    mentor_profile_view,
    nomination_waiting_for,
    pairs_of_person,
    person_takes_part,
    takes_part_in_mentoring,
)
from .selectors.report import may_honour


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return mentoring_viewset_group


@hooks.register("lianbing_navigation")
def mentoring_navigation(user):
    """Mentoring, for managers and for people who mentor or are mentored (or
    have a nomination to answer); a plain trainee does not see it."""
    if not (takes_part_in_mentoring(user) or may_honour(user)):
        return []
    return [NavItem(_("Mentoring"), named_url("mentorship:home"), order=30)]


@hooks.register("lianbing_home_panels")
def mentoring_home_panels(user):
    """A nomination to answer (only someone with a profile can have one: the
    cached answer spares everyone else the query)."""
    person = person_for_user(user)
    if person is None or not person_takes_part(person):
        return []
    if nomination_waiting_for(user) is None:
        return []
    return [HomePanel(_("Mentoring"), "mentorship/panels/nomination.html", order=15)]


@hooks.register("lianbing_training_record_sections")
def mentoring_record_section(person, viewer):
    """The person's mentor profile and pairs, when they have either; a pair
    links to its page only when the viewer may open it."""
    if not person_takes_part(person):  # most records: from the cache, no query
        return []
    profile = mentor_profile_of(person)
    pairs = list(pairs_of_person(person))
    if profile is None and not pairs:  # nothing to say: no empty section on every record
        return []
    openable = set()
    if pairs:
        visible = pairs_visible_to(viewer).filter(pk__in=[pair.pk for pair in pairs])
        openable = set(visible.values_list("pk", flat=True))
    context = {
        "profile": mentor_profile_view(profile)
        if profile is not None and profile.status == MentorStatus.ACTIVE
        else None,
        "pairs": pairs,
        "openable": openable,
    }
    return [RecordSection(_("Mentoring"), "mentorship/record/mentoring.html", context, order=50)]
