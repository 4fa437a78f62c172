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
from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction, Site, get_page_models

from .conf import courses_settings

GENERATION_KEY = "courses:catalogue:generation"
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
    return wagtail_views.serve(request, path)


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
    cache.set(GENERATION_KEY, uuid4().hex[:16], None)


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    waiting = getattr(request, "_messages", None)
    return not (waiting is not None and len(waiting))


def _key(request) -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex[:16], None)
        generation = cache.get(GENERATION_KEY)
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"courses:catalogue:{generation}:{translation.get_language()}:{digest}"


def _page_changed(sender, instance, **kwargs):
    # Publishing, unpublishing, moving and adding a page all save it; a site's
    # host name or root page decides which page an address leads to.
    catalogue_cache_clear()


def connect_receivers() -> None:
    """Called by the app's ready(): every page model (of any installed app) and
    Site, each named as the sender, since a signal names the saved object's class."""
    for model in [*get_page_models(), Site]:
        for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                _page_changed,
                sender=model,
                dispatch_uid=f"courses.catalogue_cache.{action}.{model._meta.label_lower}",
            )


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="courses.catalogue_cache.r_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="courses.catalogue_cache.r_deleted")
@receiver(
    m2m_changed,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="courses.catalogue_cache.r_groups",
)
def _restriction_changed(sender, **kwargs):
    catalogue_cache_clear()
