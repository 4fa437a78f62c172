"""Assertions about rendered HTML, made with a real HTML parser."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings

FORBIDDEN_ELEMENTS = frozenset(
    {
        *("script", "iframe", "frame", "object", "embed", "applet", "style", "link"),
        *("svg", "math", "form", "input", "button", "textarea", "select"),
        *("base", "meta", "template", "noscript"),
    }
)
# Everything our allow-list may emit; any other attribute means a hole.
KNOWN_ATTRIBUTES = frozenset(
    {"href", "src", "alt", "title", "class", "id", "start", "align", "rel"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore these around and inside a URL's scheme.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20]")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of html as (tag, attributes), attribute values decoded."""
    collector = _Collector()
    collector.feed(str(html))
    collector.close()
    return [
        (tag, {name: value or "" for name, value in attrs}) for tag, attrs in collector.elements
    ]


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lower-cased; "" for a relative URL."""
    return urlsplit(_IGNORED_BY_BROWSERS.sub("", url)).scheme.lower()


def assert_not_executable(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag not in FORBIDDEN_ELEMENTS, f"<{tag}> in {html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event attribute {name} in {html!r}"
            assert name != "style", f"style attribute in {html!r}"
            assert name in KNOWN_ATTRIBUTES, f"unexpected attribute {name} in {html!r}"
            if name in ("href", "src"):
                scheme = url_scheme(value)
                assert scheme in URL_SCHEMES or scheme == "", f"{name}={value!r} in {html!r}"
        if tag == "img" and "src" in attrs:
            assert_allowed_image_source(attrs["src"], html)


def assert_allowed_image_source(src: str, html: str = "") -> None:
    scheme = url_scheme(src)
    if scheme:
        assert scheme in ("http", "https"), f"img src={src!r} in {html!r}"
    else:
        assert src.startswith(settings.MEDIA_URL), f"img src={src!r} in {html!r}"
        assert ".." not in src, f"img src={src!r} in {html!r}"
