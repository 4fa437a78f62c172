"""`{% page_href page %}`: Wagtail's `{% pageurl %}` without a query for the
site on each request: the link is worked out once per page and site in a
generation of the page tree (courses.page_tree_cache.page_href_for).
`{% page_list_rows ids done %}`: a course page's list of its pages
(courses.page_list_rows)."""

from django import template

from ..page_list_rows import page_list_rows as rows_of
from ..page_tree_cache import page_href_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_href(context, page) -> str:
    request = context.get("request")
    if request is None:
        return page.get_url() or ""
    return page_href_for(request, page)


@register.simple_tag(takes_context=True)
def page_list_rows(context, ids, done) -> str:
    return rows_of(context["request"], ids, done)
