"""{% site_header %}: the header of every page (base.html).

Rendering it was most of what an empty signed-in page cost (about 4 ms of
5 ms of CPU in process). Its markup depends only on the language, whether
someone is signed in, their navigation, the address, the page's view name
and the site's name, so each process makes it once for each combination
(the most recent SHELLS_KEPT of them) and keeps it. The reader's own parts
are holes in it, filled in on every request: their name, their unread
notices and the CSRF token of its two forms. A hole is an unguessable
marker, made afresh by each process, so nothing a reader types (an address,
a name) can be taken for one.
"""

import functools
import secrets

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from frame import navigation_for
from notifications.selectors import unread_count_cached
from people.selectors import person_for_user

register = template.Library()

SHELLS_KEPT = 2048
NOTICES_VIEW = "notifications:list"
_HOLE = f"lianbing-hole-{secrets.token_hex(12)}"
CSRF_HOLE = f"{_HOLE}-csrf"
NAME_HOLE = f"{_HOLE}-name"
NOTICES_HOLE = f"{_HOLE}-notices"
NOTICES_FOLDED_HOLE = f"{_HOLE}-notices-folded"


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context.get("request")
    if request is None:  # a page rendered without its request: no reader, no form token
        return mark_safe(_shell(get_language(), False, (), "", "", None, "").replace(CSRF_HOLE, ""))  # noqa: S308
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    match = request.resolver_match
    nav = tuple((str(item.label), item.url) for item in navigation_for(user)) if signed_in else ()
    html = _shell(
        get_language(),
        signed_in,
        nav,
        request.path,
        request.get_full_path(),
        match.url_name if match else None,
        str(context.get("site_name", "")),
    ).replace(CSRF_HOLE, get_token(request))
    if signed_in:
        count = unread_count_cached(user)
        current = bool(match and match.view_name == NOTICES_VIEW)
        html = (
            html.replace(NAME_HOLE, escape(_reader_name(user)))
            .replace(NOTICES_FOLDED_HOLE, _notice_link(get_language(), count, True, current))
            .replace(NOTICES_HOLE, _notice_link(get_language(), count, False, current))
        )
    return mark_safe(html)  # noqa: S308 - made from our template; the reader's parts escaped


def _reader_name(user) -> str:
    person = person_for_user(user)
    return (
        (person.name if person is not None else "") or user.get_full_name() or user.get_username()
    )


@functools.lru_cache(maxsize=SHELLS_KEPT)
def _shell(language, signed_in, nav_items, path, full_path, url_name, site_name) -> str:
    # `language` is the active one: part of the key, since the markup is translated.
    return render_to_string(
        "site_header.html",
        {
            "LANGUAGE_CODE": language,
            "signed_in": signed_in,
            "nav_items": nav_items,
            "path": path,
            "full_path": full_path,
            "url_name": url_name,
            "site_name": site_name,
            "csrf_token": CSRF_HOLE,
            "reader_name": NAME_HOLE,
            "notice_link": NOTICES_HOLE,
            "notice_link_folded": NOTICES_FOLDED_HOLE,
        },
    )


@functools.lru_cache(maxsize=256)
def _notice_link(language, count: int, folded: bool, current: bool) -> str:
    return render_to_string(
        "notice_link.html", {"unread_notices": count, "folded": folded, "current": current}
    )
