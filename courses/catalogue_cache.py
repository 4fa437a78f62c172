"""The course catalogue for visitors who are not signed in, from the cache.

Every such visitor sees the same catalogue for a given address and language,
so the rendered page is kept in Django's cache for at most
COURSES_CATALOGUE_CACHE_SECONDS. Saving or deleting any page (publishing,
unpublishing and moving save it) and changing a view restriction start a new
generation of keys, so an editor's change shows at once; the time limit covers the rest (a topic renamed).
The CSRF token of the page's forms is the one part that differs per visitor: it
is put back fresh on every hit. Signed-in staff, previews and requests with
messages waiting are always rendered.
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
from wagtail.models import Page, PageViewRestriction

from .conf import courses_settings

GENERATION_KEY = "courses:catalogue:generation"
_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def catalogue_serve_cached(page, request: HttpRequest, render: Callable[[], HttpResponse]):
    """The catalogue page's response: from the cache for an anonymous GET, else `render()`."""
    seconds = courses_settings.CATALOGUE_CACHE_SECONDS
    if seconds <= 0 or not _cacheable(request):
        return render()
    key = _key(page.pk, request)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        token = get_token(request)  # also makes the middleware set this visitor's cookie
        fresh = _CSRF_INPUT.sub(lambda m: f"{m.group(1)}{token}{m.group(2)}", content)
        return HttpResponse(fresh, content_type=content_type)
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        cache.set(
            key, (response.content.decode(response.charset), response["Content-Type"]), seconds
        )
    return response


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


def _key(page_id: int, request) -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex[:16], None)
        generation = cache.get(GENERATION_KEY)
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"courses:catalogue:{generation}:{page_id}:{translation.get_language()}:{address}"


@receiver(post_save, dispatch_uid="courses.catalogue_cache.page_saved")
@receiver(post_delete, dispatch_uid="courses.catalogue_cache.page_deleted")
def _page_changed(sender, instance, **kwargs):
    # Publishing, unpublishing, moving and adding a page all save it.
    if isinstance(instance, Page):
        catalogue_cache_clear()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="courses.catalogue_cache.r_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="courses.catalogue_cache.r_deleted")
@receiver(
    m2m_changed,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="courses.catalogue_cache.r_groups",
)
def _restriction_changed(sender, **kwargs):
    catalogue_cache_clear()
