from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from frame import navigation_for
from hanzi.conversion import in_reader_script
from requestmemo.prefetch import request_cache_forget, request_cache_get


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": navigation_for(user)}


SITE_NAMES_KEY = "hostsite:site-names"
DEFAULT_SITE_NAME = "練兵"


def _site_names() -> dict[str, str]:
    """Host name -> the name of the Wagtail site on it, and "" -> the default site's
    name; cached, forgotten whenever a site is saved or deleted (hostsite.apps)."""
    names = request_cache_get(SITE_NAMES_KEY)
    if names is None:
        names = {}
        for site in Site.objects.order_by("-is_default_site", "pk"):
            names.setdefault(site.hostname, site.site_name)
            if site.is_default_site:
                names[""] = site.site_name
        cache.set(SITE_NAMES_KEY, names, None)
    return names


def site_names_cache_keys(user_id: int) -> tuple[str]:
    """Read with the session (requestmemo.prefetch, registered in hostsite.apps)."""
    return (SITE_NAMES_KEY,)


def forget_site_names(**kwargs) -> None:
    cache.delete(SITE_NAMES_KEY)
    request_cache_forget(SITE_NAMES_KEY)


def site_name(request):
    """{{ site_name }}: the site's name (Wagtail's Site.site_name, 練兵 by default) in the
    reader's script: 练兵 for someone who chose Simplified Chinese. Looked up only
    when a template uses it, then from the cache."""

    def name() -> str:
        names = _site_names()
        found = names.get(request.get_host().split(":")[0]) or names.get("")
        return in_reader_script(found or DEFAULT_SITE_NAME)

    return {"site_name": SimpleLazyObject(name)}
