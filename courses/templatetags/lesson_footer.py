"""`{% lesson_footer %}`: the footer of a lesson, case or risk review
(courses.lesson_footer)."""

from django import template

from ..lesson_footer import lesson_footer as footer_of

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_footer(context) -> str:
    return footer_of(context)
