"""Wagtail and frame hooks of plans (imported by courses/wagtail_hooks/__init__.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import HomePanel, NavItem, RecordSection, named_url
from people.selectors import person_for_user

from ..conf import courses_settings
from ..selectors.plan_pages import may_manage_plans, my_plans, plans_of_person
from ..selectors.plans import AssigneeStatus


@hooks.register("lianbing_navigation")
def plans_navigation(user):
    """Training plans, for managers and administrators."""
    if not may_manage_plans(user):
        return []
    return [NavItem(_("Training plans"), named_url("courses:plan_list"), order=25)]


@hooks.register("lianbing_home_panels")
def my_plans_panel(user):
    """What is assigned to the trainee: overdue, due soon, the rest (nothing: no panel)."""
    person = person_for_user(user)
    if person is None:
        return []
    plans = my_plans(person, days=courses_settings.PLAN_REMINDER_DAYS)
    if not plans:
        return []
    return [
        HomePanel(_("My training plan"), "courses/panels/my_plans.html", {"plans": plans}, order=5)
    ]


@hooks.register("lianbing_training_record_sections")
def plans_record_section(person, viewer):
    """The person's assignments with their status."""
    rows = list(plans_of_person(person))
    for row in rows:
        row.status_label = AssigneeStatus.LABELS[row.status]
    return [
        RecordSection(_("Training plans"), "courses/record/plans.html", {"rows": rows}, order=40)
    ]
