"""The course catalogue for visitors who are not signed in, from the cache.

Every such visitor sees the same catalogue for a given address and language,
so the rendered page is kept in Django's cache for at most
COURSES_CATALOGUE_CACHE_SECONDS and answered before Wagtail even routes the
request (`cached_page_serve`). Saving or deleting any page (publishing,
unpublishing and moving save it) or site, and changing a view restriction,
start a new generation of keys, so an editor's change shows at once; the time
limit covers the rest (a topic renamed). The CSRF token of the page's forms is
the one part that differs per visitor: it is put back fresh on every hit.
Signed-in staff, previews and requests with messages waiting are always rendered.
"""

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page

from .conf import courses_settings
from .page_tree_cache import page_tree_changed, page_tree_generation, route_cached, route_remember

_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def catalogue_serve_cached(page, request: HttpRequest, render: Callable[[], HttpResponse]):
    """The catalogue page's response: for an anonymous GET from the cache, or
    rendered and kept there."""
    seconds = courses_settings.CATALOGUE_CACHE_SECONDS
    if seconds <= 0 or not _cacheable(request):
        return render()
    # A host that does not route through cached_page_serve still gets its hits here.
    cached = _cached_response(request)
    if cached is not None:
        return cached
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        content = response.content.decode(response.charset)
        cache.set(_key(request), (content, response["Content-Type"]), seconds)
    return response


def cached_page_serve(request: HttpRequest, path: str):
    """Wagtail's page serving, answering an anonymous GET from the cache when
    the catalogue was kept for this address: ahead of Wagtail's site look-up
    and routing, which cost more than the page. Safe to skip them: whatever
    would change their answer (a page saved, moved or deleted, a restriction
    changed) starts a new generation of keys. Route it in place of Wagtail's
    own serve URL (see site/hostsite/urls.py)."""
    if courses_settings.CATALOGUE_CACHE_SECONDS > 0 and _cacheable(request):
        cached = _cached_response(request)
        if cached is not None:
            return cached
    if not request.user.is_authenticated:
        # Routes may differ for visitors (a risk review course sends them to log
        # in from any address below it): Wagtail routes them every time.
        return wagtail_views.serve(request, path)
    page = route_cached(request, path)
    if page is None:
        found = Page.route_for_request(request, path)
        if found is None:
            return wagtail_views.serve(request, path)  # Wagtail's own 404
        page, args, kwargs = found
        route_remember(request, path, page, args, kwargs)
        return wagtail_views.serve(request, path)  # reuses the route it just found
    return _serve_routed(request, page)


def _serve_routed(request: HttpRequest, page) -> HttpResponse:
    """What wagtail.views.serve does once it has the page: its hooks, then the page."""
    if hasattr(page, "hold_view_restrictions"):
        page.hold_view_restrictions()
    on_serve_chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, (), {})


def _cached_response(request) -> HttpResponse | None:
    cached = cache.get(_key(request))
    if cached is None:
        return None
    content, content_type = cached
    token = get_token(request)  # also makes the middleware set this visitor's cookie
    fresh = _CSRF_INPUT.sub(lambda m: f"{m.group(1)}{token}{m.group(2)}", content)
    return HttpResponse(fresh, content_type=content_type)


def catalogue_cache_clear() -> None:
    """Start a new generation: every cached catalogue is left to expire unread."""
    page_tree_changed()


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    waiting = getattr(request, "_messages", None)
    return not (waiting is not None and len(waiting))


def _key(request) -> str:
    generation = page_tree_generation()
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"courses:catalogue:{generation}:{translation.get_language()}:{digest}"
