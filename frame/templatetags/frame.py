"""{% frame_url "home" %}: the URL of one of the host's pages (frame.page_url)."""

from django import template

from frame import page_url

register = template.Library()


@register.simple_tag
def frame_url(name: str) -> str:
    return page_url(name)
