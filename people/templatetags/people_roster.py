"""Template filters of the roster preview."""

from django import template

from people.roster.columns import change_text

register = template.Library()


@register.filter
def roster_change(change: dict) -> str:
    """One change of a roster preview: “Column: before → after”."""
    return change_text(change)
