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

from .conf import allowed_hosts, site_hosts

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


# The WHATWG URL parser, which browsers follow, removes tabs and newlines from
# anywhere in a URL and strips control characters and spaces around it, and it
# reads a backslash as a slash in http(s) URLs. URLs are checked as a browser
# will read them, and any backslash is refused outright.
_REMOVED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_STRIPPED_BY_BROWSERS = "".join(chr(code) for code in range(0x21))
_WEB_SCHEMES = frozenset({"http", "https"})


def _as_browsers_read(url: str) -> str | None:
    url = _REMOVED_BY_BROWSERS.sub("", url).strip(_STRIPPED_BY_BROWSERS)
    return None if "\\" in url else url


def _host_name(host: str) -> str | None:
    """A host name as browsers compare it (IDNA, so full-width letters fold), lower case."""
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def _host_allowed(host: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.startswith("."):
            domain = _host_name(pattern[1:])
            if domain and (host == domain or host.endswith("." + domain)):
                return True
        elif _host_name(pattern) == host:
            return True
    return False


def _web_host(url: str) -> str | None:
    """The host of an absolute http(s) URL, or None when url is not one or hides its
    host behind user info ("https://site@evil")."""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not url[len(parts.scheme) :].startswith("://"):
        return None
    if "@" in parts.netloc or not hostname:
        return None
    return _host_name(hostname)


def _is_site_relative(url: str) -> bool:
    """A link within the site: no scheme, no host. "//host" and "///host" are
    other hosts to a browser."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def _under_media_url(path: str) -> bool:
    media_url = settings.MEDIA_URL or ""
    if not media_url.startswith("/") or media_url.startswith("//"):
        return False
    # Resolve "..", also when percent-encoded, so /media/../admin/ cannot pass.
    path = posixpath.normpath(unquote(path))
    return (path + "/").startswith(media_url) and path + "/" != media_url


def is_allowed_link(href: str) -> bool:
    """True for links within the site, mailto: addresses, and http(s) links to the
    site's own host names or to a host in MARKUP_ALLOWED_HOSTS."""
    url = _as_browsers_read(href)
    if url is None:
        return False
    host = _web_host(url)
    if host is not None:
        return _host_allowed(host, allowed_hosts() + site_hosts())
    if url.lower().startswith("mailto:"):
        return True
    return _is_site_relative(url)


def is_allowed_image_source(src: str) -> bool:
    """True for images under the site's own MEDIA_URL and for http(s) images from a
    host in MARKUP_ALLOWED_HOSTS. Any other address could count who reads a
    page: a tracking image."""
    url = _as_browsers_read(src)
    if url is None:
        return False
    host = _web_host(url)
    if host is not None:
        if _host_allowed(host, allowed_hosts()):
            return True
        # The site's own media, written with the site's address, or an absolute MEDIA_URL.
        media_url = settings.MEDIA_URL or ""
        media_host = _web_host(media_url)
        path = urlsplit(url).path
        if media_host is not None:
            media_path = urlsplit(media_url).path or "/"
            return host == media_host and (posixpath.normpath(unquote(path)) + "/").startswith(
                media_path
            )
        return _host_allowed(host, site_hosts()) and _under_media_url(path)
    if not _is_site_relative(url):
        return False
    return _under_media_url(urlsplit(url).path)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return _filter_classes(tag, value)
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if attribute == "start":
        return value if _LIST_START.fullmatch(value) else None
    if tag == "img" and attribute == "src":
        return value if is_allowed_image_source(value) else None
    if tag == "a" and attribute == "href":
        # A link elsewhere keeps its text, without the target: plain text.
        return value if is_allowed_link(value) else None
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
    cleaned = _cleaner.clean(html)
    # When the filter drops a link's target, ammonia writes rel="..." first and a
    # second pass would move it last. Cleaning such output once more gives the
    # form that stays the same however often it is sanitised again.
    if '<a rel="' in cleaned:
        cleaned = _cleaner.clean(cleaned)
    return cleaned
