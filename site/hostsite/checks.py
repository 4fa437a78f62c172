"""`manage.py check --deploy`: a cache that other processes cannot see.

Several things live in the cache and must be the same for every process of
the site: the catalogue served to visitors who are not signed in and the
generation that retires it when a page changes (courses.catalogue_cache), the
count of unknown certificate codes per address (courses.views.verification),
import progress (imports, background) and django-q2's cluster statistics. A
cache kept in each process breaks all of them as soon as gunicorn runs two
workers. The default file cache is shared by the processes of one machine,
which is enough there; a site on several machines sets REDIS_URL (README,
"Running on several machines"), which no check can tell."""

from django.conf import settings
from django.core import checks

PER_PROCESS = ("locmem.LocMemCache", "dummy.DummyCache")


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(PER_PROCESS):
        return [
            checks.Warning(
                f"The default cache ({backend}) is kept in each process: the web "
                "server's processes and the django-q2 cluster would each see their own.",
                hint="Set REDIS_URL, or leave CACHES as the settings make it (files).",
                id="hostsite.W001",
            )
        ]
    return []
