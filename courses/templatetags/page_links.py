"""`{% page_href page %}`: Wagtail's `{% pageurl %}` without a query for the
site on each request (the site comes from courses.page_tree_cache)."""

from django import template

from ..page_tree_cache import site_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def page_href(context, page) -> str:
    request = context.get("request")
    if request is None:
        return page.get_url() or ""
    return page.relative_url(site_for_request(request), request=request) or ""
