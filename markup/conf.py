"""Settings of the markup app, with defaults so that installing it needs no configuration."""

from django.conf import settings

# The admin preview refuses longer texts: a preview is a convenience, and
# rendering megabytes on every click would let one tab tie up a worker.
PREVIEW_MAX_LENGTH_DEFAULT = 100_000


def preview_max_length() -> int:
    """MARKUP_PREVIEW_MAX_LENGTH: the longest text, in characters, the preview accepts."""
    return getattr(settings, "MARKUP_PREVIEW_MAX_LENGTH", PREVIEW_MAX_LENGTH_DEFAULT)


def allowed_hosts() -> tuple[str, ...]:
    """MARKUP_ALLOWED_HOSTS: the outside hosts Markdown may link to and show images
    from, as host names ("video.bank.example") or, with a leading dot, a domain and
    all its subdomains (".bank.example"). Default: none, so only the site itself."""
    return tuple(getattr(settings, "MARKUP_ALLOWED_HOSTS", ()) or ())


def site_hosts() -> tuple[str, ...]:
    """The site's own names: Django's ALLOWED_HOSTS without the "*" wildcard, which
    would let every host pass as the site itself."""
    return tuple(host for host in settings.ALLOWED_HOSTS if host and host != "*")
