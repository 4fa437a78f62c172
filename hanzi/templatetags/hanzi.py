"""{% load hanzi %}{{ page.title|reader_script }}: content in the reader's script."""

from django import template

from hanzi.conversion import in_reader_script

register = template.Library()


@register.filter(name="reader_script", is_safe=True)
def reader_script(value):
    """Content people wrote (titles, names), shown in Simplified to readers who
    chose Simplified Chinese and unchanged to everyone else."""
    return in_reader_script(value)
