"""The cache and the sessions, read by base.py.

django-q2 keeps its cluster statistics in the cache, so the cache must be
shared between processes: Redis when REDIS_URL is set, files otherwise. So
must everything Lianbing keeps between requests (people.viewer_cache,
courses.page_tree_cache): every web process on every machine sees the same.
"""

from pathlib import Path


def shared_cache(redis_url: str | None, var_dir: Path) -> tuple[dict, str]:
    """CACHES and SESSION_ENGINE."""
    if not redis_url:
        # Without Redis the file cache is no faster than the database: sessions stay there.
        cache = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": var_dir / "cache",
        }
        return {"default": cache}, "django.contrib.sessions.backends.db"
    cache = {
        # django-redis: one client per server for the process, where Django's
        # own backend builds a new one (about 1,000 calls) for every operation.
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "lianbing",
    }
    # Sessions: every signed-in request reads one. With Redis they are read
    # from the cache and written through to the database (cached_db), so a
    # request of the morning drill makes no session query, a Redis restart
    # signs nobody out, and every web process on every machine sees the same
    # sessions; requestmemo.sessions reads the keys the apps ask for next in
    # the same round trip.
    return {"default": cache}, "requestmemo.sessions"
