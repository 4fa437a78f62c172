"""The allow-list that every rendered Markdown document passes through.

Python-Markdown copies raw HTML from its input and does not check link
schemes, so its output is untrusted until nh3 (a binding of the Rust crate
ammonia, which parses HTML the way browsers do) has cleaned it. Only the
markup our Markdown extensions produce, plus ordinary text tags an author
may type by hand, survives.
"""

import posixpath
import re
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "blockquote", "pre", "code"),
        *("strong", "em", "b", "i", "del", "sup", "sub"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
        *("ul", "ol", "li"),
        *("table", "thead", "tbody", "tr", "th", "td"),
        *("a", "img"),
        "div",  # the footnotes extension wraps its list in <div class="footnote">
    }
)

# Removed together with their content: their text is code or markup, never prose.
DROPPED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "template", "noscript", "noembed", "noframes", "xmp"),
        *("iframe", "frame", "frameset", "object", "embed", "applet"),
        *("svg", "math", "textarea", "select"),
    }
)

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "code": {"class"},
    "div": {"class"},
    "sup": {"id"},
    "li": {"id"},
}

# The tables extension is configured to write align="..." instead of a style attribute.
_ALIGNMENTS = {"left", "center", "right"}
ALLOWED_ATTRIBUTE_VALUES = {"th": {"align": _ALIGNMENTS}, "td": {"align": _ALIGNMENTS}}

URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Classes and ids are kept only in the shapes our extensions produce, so an
# author can neither borrow the page's styles nor clobber DOM names that
# scripts look up (an id like "wagtail-config").
_ALLOWED_CLASSES = {
    "a": re.compile(r"footnote-(?:ref|backref)"),
    "div": re.compile(r"footnote"),
    "code": re.compile(r"language-[\w+#.-]{1,40}"),
}
_FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[^\s\"'<>]{1,80}")
_LIST_START = re.compile(r"\d{1,9}")


def _filter_classes(tag: str, value: str) -> str | None:
    pattern = _ALLOWED_CLASSES.get(tag)
    if pattern is None:
        return None
    kept = [name for name in value.split() if pattern.fullmatch(name)]
    return " ".join(kept) or None


def is_allowed_image_source(src: str) -> bool:
    """True for http(s) images and for images under the site's own MEDIA_URL."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)
    media_url = settings.MEDIA_URL or ""
    if not media_url.startswith("/") or media_url.startswith("//"):
        return False  # an absolute MEDIA_URL is covered by the http(s) rule above
    if parts.netloc or "\\" in src:
        return False
    # Resolve "..", also when percent-encoded, so /media/../admin/ cannot pass.
    path = posixpath.normpath(unquote(parts.path))
    return (path + "/").startswith(media_url) and path + "/" != media_url


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return _filter_classes(tag, value)
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if attribute == "start":
        return value if _LIST_START.fullmatch(value) else None
    if tag == "img" and attribute == "src":
        return value if is_allowed_image_source(value) else None
    return value


# Built once and shared by all threads (tests/markup renders from several at once).
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitise_html(html: str) -> str:
    """Return html with everything outside the allow-list removed. Not marked safe."""
    return _cleaner.clean(html)
