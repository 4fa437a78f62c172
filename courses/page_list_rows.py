"""The rows of a course page's list of its pages, each made once per
process in a generation of the page tree.

The list was about a fifth of a course page's CPU: a copy of each page
listed, loaded from the cache (about 1 KB unpickled each), and the template
loop over them (a link, the title in the reader's script, the done mark). A
row is a function of its page (whose title and address change only with a
new generation), the request's host and port (the link), what decides
rendered text (markup.rendering.rendering_inputs: the language, hence the
script and the done mark's words), the URL prefix and whether the reader
has done the page: all of them are its key, so nothing held needs
forgetting, and a new generation starts afresh. Pages are loaded only for
the rows not held yet, in one round trip to the cache."""

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from markup.rendering import rendering_inputs

from .page_tree_cache import host_and_port, page_href_for, pages_by_id, restrictions_now

ROWS_HELD = 20_000  # per generation; beyond, each row is made on every request


def page_list_rows(request, ids, done) -> SafeString:
    """The list's rows (`<li>`) of the pages `ids`, in their order, each
    marked done when its id is in `done`; a page no longer there is left out."""
    inputs = (*host_and_port(request), rendering_inputs(), get_script_prefix())
    keys = [(inputs, pk, pk in done) for pk in ids]
    rows = restrictions_now().held_many(
        "page-list-row", keys, lambda missing: _rows_made(request, missing), limit=ROWS_HELD
    )
    return mark_safe("".join(rows[key] for key in keys if key in rows))  # noqa: S308 - from our template


def _rows_made(request, keys) -> dict:
    pages = pages_by_id(Page, [pk for _inputs, pk, _done in keys])
    rows = {}
    for key in keys:
        _inputs, pk, done = key
        page = pages.get(pk)
        if page is not None:
            context = {"title": page.title, "href": page_href_for(request, page), "done": done}
            rows[key] = render_to_string("courses/_page_list_row.html", context)
    return rows
