"""Markdown links and images reach only the site itself and the hosts an
administrator allows (MARKUP_ALLOWED_HOSTS), so an author cannot plant a
tracking image, or a link elsewhere, in a lesson or a restricted review."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import override_settings

from markup.rendering import render_markdown
from markup.sanitising import is_allowed_image_source, is_allowed_link

from .html_checks import assert_not_executable, elements

PAGE = "https://testserver/learning/lesson/"  # where the rendered text is read
ALLOWED = "video.bank.example"


def loaded_host(url: str) -> str | None:
    """The host a browser would contact for url on PAGE, read the way browsers
    read URLs: tabs and newlines dropped, spaces and controls stripped around it,
    backslashes as slashes, "///host" as "//host"."""
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    url = url.replace("\\", "/")
    scheme = urlsplit(url).scheme.lower()
    if scheme == "mailto":
        return None
    if scheme in ("http", "https"):
        url = scheme + "://" + url[len(scheme) + 1 :].lstrip("/")
    elif url.startswith("//"):
        url = "//" + url.lstrip("/")
    return (urlsplit(urljoin(PAGE, url)).hostname or "").lower()


def targets(html):
    found = []
    for tag, attrs in elements(html):
        if tag == "a" and "href" in attrs:
            found.append(("a", attrs["href"]))
        if tag == "img" and "src" in attrs:
            found.append(("img", attrs["src"]))
    return found


HOSTILE = {
    "http image": "![x](http://evil.example/pixel.gif)",
    "https image": "![x](https://evil.example/pixel.gif)",
    "protocol-relative image": "![x](//evil.example/pixel.gif)",
    "three slashes image": "![x](///evil.example/pixel.gif)",
    "backslash image": "![x](/\\evil.example/pixel.gif)",
    "tab inside slashes": '<img src="/\t/evil.example/p.gif">',
    "newline inside scheme": '<img src="ht\ntps://evil.example/p.gif">',
    "user info hides host": "![x](https://testserver@evil.example/p.gif)",
    "allowed host as user info": f"![x](https://{ALLOWED}@evil.example/p.gif)",
    "mixed-case scheme": "![x](HtTpS://evil.example/p.gif)",
    "mixed-case scheme link": "[x](hTTp://evil.example/)",
    "upper-case host": "![x](https://EVIL.example/p.gif)",
    "entity-encoded scheme": '<img src="https&#58;//evil.example/p.gif">',
    "entity-encoded link": '<a href="&#x68;ttps://evil.example/">x</a>',
    "percent-encoded host": "![x](https://%65vil.example/p.gif)",
    "full-width host": "![x](https://ｅｖｉｌ.example/p.gif)",
    "data image": "![x](data:image/gif;base64,R0lGODlhAQABAAAAACw=)",
    "srcset": '<img src="/media/a.png" srcset="https://evil.example/p.gif 2x">',
    "scheme without slashes": "[x](https:evil.example)",
    "link to other host": "[報名](https://evil.example/form)",
    "protocol-relative link": "[x](//evil.example/)",
    "reference link": "[x][1]\n\n[1]: https://evil.example/",
    "autolink": "<https://evil.example/>",
    "allowed host as suffix": f"![x](https://{ALLOWED}.evil.example/p.gif)",
    "allowed host with evil prefix": f"![x](https://evil{ALLOWED}/p.gif)",
    "port on evil host": "![x](https://evil.example:443/p.gif)",
    "ipv6 literal": "![x](http://[::1]:8000/p.gif)",
    "broken ipv6": "![x](http://[evil/p.gif)",
    "site host, outside media": "![x](https://testserver/admin/logout/)",
}


@override_settings(MARKUP_ALLOWED_HOSTS=[ALLOWED])
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_addresses_reach_no_other_host(source):
    html = render_markdown(source)
    assert_not_executable(html)
    for tag, url in targets(html):
        assert loaded_host(url) in {"testserver", ALLOWED, None}, f"<{tag}> {url!r} in {html!r}"
        if tag == "img":
            assert loaded_host(url) == ALLOWED or urlsplit(url).path.startswith("/media/"), html


@override_settings(MARKUP_ALLOWED_HOSTS=[ALLOWED])
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_addresses_are_dropped_not_rewritten(source):
    """Whatever survives is exactly what the author wrote for the site or the allowed host."""
    for _, url in targets(render_markdown(source)):
        assert url in {"/media/a.png"}, url


def test_outside_image_is_dropped_by_default():
    [(_, attrs)] = elements(render_markdown("![追蹤](https://intranet.example/p.gif)"))[1:]
    assert attrs == {"alt": "追蹤"}


def test_outside_link_becomes_plain_text_by_default():
    html = render_markdown("看 [報名表](https://forms.example/x) 。")
    [(tag, attrs)] = elements(html)[1:]
    assert tag == "a" and "href" not in attrs
    assert "報名表" in html


@override_settings(MARKUP_ALLOWED_HOSTS=[ALLOWED])
def test_allowed_host_keeps_images_and_links():
    html = render_markdown(f"![圖](https://{ALLOWED}/a.png) [片](http://{ALLOWED}/v/1)")
    assert targets(html) == [("img", f"https://{ALLOWED}/a.png"), ("a", f"http://{ALLOWED}/v/1")]


@override_settings(MARKUP_ALLOWED_HOSTS=[".bank.example"])
def test_leading_dot_allows_a_domain_and_its_subdomains():
    assert is_allowed_image_source("https://bank.example/a.png")
    assert is_allowed_image_source("https://img.bank.example/a.png")
    assert not is_allowed_image_source("https://evilbank.example/a.png")
    assert not is_allowed_image_source("https://bank.example.evil.example/a.png")


@override_settings(MARKUP_ALLOWED_HOSTS=[], ALLOWED_HOSTS=["lianbing.bank.example", "*"])
def test_the_sites_own_host_names_count_as_the_site_but_the_wildcard_does_not():
    assert is_allowed_link("https://lianbing.bank.example/courses/")
    assert is_allowed_link("/courses/?q=1#top")
    assert is_allowed_link("courses/")
    assert not is_allowed_link("https://other.example/")
    # An image from the site's own name is allowed only from its media.
    assert is_allowed_image_source("https://lianbing.bank.example/media/images/a.png")
    assert not is_allowed_image_source("https://lianbing.bank.example/admin/logout/")


def test_mailto_links_are_kept():
    assert is_allowed_link("mailto:training@bank.example")
    assert is_allowed_link("MAILTO:training@bank.example")


@override_settings(MEDIA_URL="https://media.bank.example/lianbing/")
def test_an_absolute_media_url_allows_its_own_images_only():
    assert is_allowed_image_source("https://media.bank.example/lianbing/images/a.png")
    assert not is_allowed_image_source("https://media.bank.example/other/a.png")
    assert not is_allowed_image_source("https://media.bank.example/lianbing/../other/a.png")
    assert not is_allowed_image_source("https://evil.example/lianbing/a.png")


def test_changing_the_setting_changes_the_cached_rendering():
    text = "![圖](https://intranet.example/a.png)"
    assert "src" not in elements(render_markdown(text))[1][1]
    with override_settings(MARKUP_ALLOWED_HOSTS=["intranet.example"]):
        assert elements(render_markdown(text))[1][1]["src"] == "https://intranet.example/a.png"
    assert "src" not in elements(render_markdown(text))[1][1]
