"""Wagtail and frame hooks of effectiveness (imported by courses/wagtail_hooks/__init__.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import NavItem, named_url

from ..selectors.effectiveness_scope import may_see_effectiveness


@hooks.register("lianbing_navigation")
def effectiveness_navigation(user):
    """Course effectiveness, for trainers, administrators and managers."""
    if not may_see_effectiveness(user):
        return []
    return [NavItem(_("Course effectiveness"), named_url("courses:effectiveness"), order=40)]
