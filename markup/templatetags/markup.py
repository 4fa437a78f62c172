"""{% load markup %}{{ text|markdown }}: user-written Markdown in a template."""

from django import template
from django.utils.safestring import SafeString

from markup.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown(value: object) -> SafeString:
    """Render value (Markdown, or None) as sanitised HTML."""
    return render_markdown(None if value is None else str(value))
