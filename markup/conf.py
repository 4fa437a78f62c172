"""Settings of the markup app, with defaults so that installing it needs no configuration."""

from django.conf import settings

# The admin preview refuses longer texts: a preview is a convenience, and
# rendering megabytes on every click would let one tab tie up a worker.
PREVIEW_MAX_LENGTH_DEFAULT = 100_000


def preview_max_length() -> int:
    """MARKUP_PREVIEW_MAX_LENGTH: the longest text, in characters, the preview accepts."""
    return getattr(settings, "MARKUP_PREVIEW_MAX_LENGTH", PREVIEW_MAX_LENGTH_DEFAULT)
