"""Wagtail and frame hooks of the follow-up after training (imported by
courses/wagtail_hooks/__init__.py): the open tasks on the home page, and a
person's follow-up on their training record."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import HomePanel, RecordSection

from ..selectors.followup import followup_of, followup_tasks_for

PANEL_ROWS = 5


@hooks.register("lianbing_home_panels")
def followup_panel(user):
    """Shown only to someone with an open follow-up task."""
    if not user.is_authenticated:
        return []
    rows, total = followup_tasks_for(user, limit=PANEL_ROWS)
    if not rows:
        return []
    return [
        HomePanel(
            _("My follow-up tasks"),
            "courses/followup/panel.html",
            {"tasks": rows, "total": total, "today": timezone.localdate()},
            order=7,
        )
    ]


@hooks.register("lianbing_training_record_sections")
def followup_record_section(person, viewer):
    """The follow-up of each course the person completed: tasks, the survey
    answer and mastery before, at completion and at each checkpoint."""
    return [
        RecordSection(
            _("Follow-up after training"),
            "courses/record/followup.html",
            {"courses": followup_of(person)},
            order=46,
        )
    ]
