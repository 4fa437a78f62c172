"""Template filters of the roster preview."""

from django import template

from people.roster.columns import change_text, column_label

register = template.Library()


@register.filter
def roster_column(key: str) -> str:
    """A roster column or changed field (stored as a key) in the active language."""
    return column_label(key) if key else ""


@register.filter
def roster_change(change: dict) -> str:
    """One change of a roster preview: “Column: before → after”."""
    return change_text(change)
