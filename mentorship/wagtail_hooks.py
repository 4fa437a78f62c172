from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import HomePanel, NavItem, RecordSection

from .admin_viewsets import mentoring_viewset_group
from .models import MentorStatus
from .selectors.pairs import pairs_visible_to
from .selectors.profiles import (
    mentor_profile_of,
    mentor_profile_view,
    nomination_waiting_for,
    pairs_of_person,
    takes_part_in_mentoring,
)


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return mentoring_viewset_group


@hooks.register("lianbing_navigation")
def mentoring_navigation(user):
    """Mentoring, for managers and for people who mentor or are mentored (or
    have a nomination to answer); a plain trainee does not see it."""
    if not takes_part_in_mentoring(user):
        return []
    return [NavItem(_("Mentoring"), reverse("mentorship:home"), order=30)]


@hooks.register("lianbing_home_panels")
def mentoring_home_panels(user):
    if nomination_waiting_for(user) is None:
        return []
    return [HomePanel(_("Mentoring"), "mentorship/panels/nomination.html", order=15)]


@hooks.register("lianbing_training_record_sections")
def mentoring_record_section(person, viewer):
    """The person's mentor profile and pairs; a pair links to its page only when
    the viewer may open it."""
    profile = mentor_profile_of(person)
    pairs = list(pairs_of_person(person))
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
