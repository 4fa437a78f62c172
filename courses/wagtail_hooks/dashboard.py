"""Wagtail and frame hooks of dashboard (imported by courses/wagtail_hooks/__init__.py)."""

from wagtail import hooks

from ..views.dashboard import dashboard_sections_of


@hooks.register("lianbing_dashboard_sections")
def courses_dashboard_sections(user, scope):
    """Assignments by status and follow-up tasks due on the manager dashboard."""
    return dashboard_sections_of(user, scope)
