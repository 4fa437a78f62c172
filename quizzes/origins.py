"""Where a drill was started from, so its result page can lead back there.

A drill can be embedded in a course lesson page; its button opens the drill
with `?next=<the lesson's path>`. Only a path on this site is kept (never
another host, never a scheme-relative `//host` address), so a link cannot
send a trainee elsewhere after the drill.
"""

from django.utils.http import url_has_allowed_host_and_scheme

ORIGIN_MAX_LENGTH = 500


def local_origin(url, *, request=None) -> str:
    """`url` when it is a path on this site (at most ORIGIN_MAX_LENGTH
    characters), otherwise the empty string."""
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
        return ""
    if len(url) > ORIGIN_MAX_LENGTH or "\\" in url or any(ord(c) < 32 for c in url):
        return ""
    hosts = {request.get_host()} if request is not None else set()
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=hosts):
        return ""
    return url
