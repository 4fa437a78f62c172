"""Reads of notices."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from wagtail.users.models import UserProfile

from requestmemo.prefetch import request_cache_forget, request_cache_get

from .models import Notice

PER_PAGE = 50


def unread_count_for(user) -> int:
    """How many of `user`'s notices are unread (one query; 0 for a visitor)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


UNREAD_KEY = "notifications:unread:{}"
UNREAD_SECONDS = 300


def unread_cache_keys(user_id: int) -> tuple[str]:
    """Read with the session (requestmemo.prefetch, registered in notifications.apps)."""
    return (UNREAD_KEY.format(user_id),)


def unread_count_cached(user) -> int:
    """unread_count_for, kept in the cache until one of the user's notices is
    sent or read (notifications.services forgets it) or for UNREAD_SECONDS:
    the header shows it on every page."""
    if user is None or not user.is_authenticated:
        return 0
    key = UNREAD_KEY.format(user.pk)
    count = request_cache_get(key)
    if count is None:
        count = unread_count_for(user)
        cache.set(key, count, UNREAD_SECONDS)
        request_cache_forget(key)
    return count


def notices_for(user, *, page: int | str | None = 1, per_page: int = PER_PAGE) -> Page:
    """`user`'s notices, newest first, one page of them."""
    notices = Notice.objects.filter(recipient=user).order_by("-created_at", "-pk")
    return Paginator(notices, per_page).get_page(page)


def notice_get_for(user, notice_id: int) -> Notice | None:
    """The notice `notice_id` if `user` is its recipient, else None."""
    if user is None or not user.is_authenticated:
        return None
    return Notice.objects.filter(recipient=user, pk=notice_id).first()


def time_zone_of(user) -> str:
    """The zone `user` reads times in: their Wagtail preference, else TIME_ZONE."""
    zone = UserProfile.objects.filter(user=user).values_list("current_time_zone", flat=True).first()
    return zone or settings.TIME_ZONE
