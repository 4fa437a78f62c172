"""{{ unread_notices }}: the signed-in person's unread count, counted only when
a template uses it, and kept in the cache (one query when it is not), 0 for a
visitor."""

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count_cached


def unread_notices(request):
    user = getattr(request, "user", None)
    return {"unread_notices": SimpleLazyObject(lambda: unread_count_cached(user))}
