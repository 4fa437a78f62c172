"""Wagtail admin screens of mentoring, in one "Mentoring" menu group.

- Guidance advice: trainers and administrators write one advice per guidance
  type (Markdown), which mentors read on the pair's page.
- Mentor profiles: administrators keep them; managers read those of their
  people. Pairs: read (listing, search, inspect) by administrators and, for
  their people, by managers; a pair changes only through its own pages, which
  keep its events. Outstanding mentor honours: read only here.

Who may open which screen comes from the model permissions the roles get in
mentorship/migrations/0002_mentoring_permissions.py; what each screen lists
and finds by id is narrowed by scopedadmin to people_managed_by.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from scopedadmin import ScopedModelViewSet

from .models import GuidanceAdvice, MentorHonour, MentorProfile, Pair
from .selectors.scopes import pairs_in_scope, profiles_in_scope


class GuidanceAdviceViewSet(ModelViewSet):
    model = GuidanceAdvice
    icon = "doc-full"
    menu_label = _("Guidance advice")
    form_fields = ["guidance_type", "advice"]
    list_display = ["guidance_type", "updated_at"]
    search_fields = ["advice"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False


class MentorProfileViewSet(ScopedModelViewSet):
    model = MentorProfile
    icon = "user"
    menu_label = _("Mentor profiles")
    scope = staticmethod(profiles_in_scope)
    form_fields = ["person", "status", "capacity", "strengths", "introduction", "decline_reason"]
    list_display = ["person", "status", "capacity", "updated_at"]
    list_filter = ["status"]
    search_fields = ["person__name", "person__employee_id", "introduction"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False


class PairViewSet(ScopedModelViewSet):
    model = Pair
    icon = "link"
    menu_label = _("Pairs")
    scope = staticmethod(pairs_in_scope)
    form_fields = ["status", "end_reason"]
    list_display = ["mentor", "mentee", "status", "assigned_at"]
    list_filter = ["status"]
    search_fields = ["mentor__name", "mentee__name", "mentee__employee_id"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False


class MentorHonourViewSet(ModelViewSet):
    """Honours are public recognition: whoever may read them reads them all."""

    model = MentorHonour
    icon = "tick-inverse"
    menu_label = _("Outstanding mentor honours")
    form_fields = ["citation"]
    list_display = ["mentor", "year", "awarded_at"]
    list_filter = ["year"]
    search_fields = ["mentor__name", "citation"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False


class MentoringViewSetGroup(ModelViewSetGroup):
    menu_label = _("Mentoring")
    menu_icon = "group"
    menu_order = 850
    items = (
        GuidanceAdviceViewSet("guidance_advice"),
        MentorProfileViewSet("mentor_profiles"),
        PairViewSet("mentor_pairs"),
        MentorHonourViewSet("mentor_honours"),
    )


mentoring_viewset_group = MentoringViewSetGroup()
