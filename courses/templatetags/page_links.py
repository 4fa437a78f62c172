"""`{% page_href page %}`: Wagtail's `{% pageurl %}` without a query for the
site on each request: the link is worked out once per page and site in a
generation of the page tree (courses.page_tree_cache.page_href_for)."""

from django import template

from ..page_tree_cache import page_href_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_href(context, page) -> str:
    request = context.get("request")
    if request is None:
        return page.get_url() or ""
    return page_href_for(request, page)
