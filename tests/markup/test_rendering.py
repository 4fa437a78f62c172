"""What authors may write, and how it comes out."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import SafeString

from markup.rendering import CACHED_TEXT_MAX_LENGTH, render_markdown

from .html_checks import elements


def tags(html):
    return [tag for tag, _ in elements(html)]


def test_returns_a_safe_string():
    assert isinstance(render_markdown("**粗體**"), SafeString)


@pytest.mark.parametrize("empty", ["", None])
def test_empty_text_renders_nothing(empty):
    assert render_markdown(empty) == ""


def test_chinese_lines_keep_their_line_breaks():
    html = render_markdown("第一行\n第二行")
    assert tags(html) == ["p", "br"]
    assert "第一行" in html and "第二行" in html


def test_blank_line_starts_a_new_paragraph():
    assert tags(render_markdown("第一段\n\n第二段")) == ["p", "p"]


def test_emphasis_and_headings():
    html = render_markdown("## 標題\n\n**重點** 與 *強調* 與 ~~刪除~~")
    assert tags(html)[:3] == ["h2", "p", "strong"]
    assert "em" in tags(html)


def test_tables_with_alignment_as_attribute_not_style():
    html = render_markdown("| 產品 | 利率 |\n|:--|--:|\n| 定存 | 1.5% |")
    found = elements(html)
    assert [tag for tag, _ in found] == [
        "table",
        "thead",
        "tr",
        "th",
        "th",
        "tbody",
        "tr",
        "td",
        "td",
    ]
    assert [attrs.get("align") for tag, attrs in found if tag == "td"] == ["left", "right"]
    assert "style" not in html


def test_fenced_code_keeps_the_language_and_escapes_html():
    html = render_markdown("```python\nif a < b:\n    print('<b>')\n```")
    (pre, _), (code, attrs) = elements(html)
    assert (pre, code, attrs["class"]) == ("pre", "code", "language-python")
    assert "a &lt; b" in html and "&lt;b&gt;" in html


def test_footnotes_link_both_ways():
    html = render_markdown("正文[^1]。\n\n[^1]: 參見《反洗錢法》。")
    found = elements(html)
    ids = {attrs["id"] for _, attrs in found if "id" in attrs}
    targets = {attrs["href"][1:] for tag, attrs in found if tag == "a"}
    assert len(ids) == 2 and targets == ids
    assert ("div", {"class": "footnote"}) in found
    assert "參見《反洗錢法》" in html


def test_footnotes_of_two_documents_do_not_share_ids():
    def ids(html):
        return {attrs["id"] for _, attrs in elements(html) if "id" in attrs}

    first = render_markdown("甲[^1]\n\n[^1]: 甲註")
    second = render_markdown("乙[^1]\n\n[^1]: 乙註")
    assert ids(first).isdisjoint(ids(second))


def test_footnote_backlink_title_is_translated():
    with translation.override("zh-hant"):
        html = render_markdown("甲[^1]\n\n[^1]: 註")
    titles = [attrs["title"] for tag, attrs in elements(html) if "title" in attrs]
    assert titles and all("註腳" in title and "1" in title for title in titles)


def test_ordered_list_keeps_its_start():
    html = render_markdown("3. 三\n4. 四")
    assert elements(html)[0] == ("ol", {"start": "3"})


@override_settings(MARKUP_ALLOWED_HOSTS=["intranet.example"])
def test_https_link_is_kept_with_rel():
    [(tag, attrs)] = elements(render_markdown("[行內網](https://intranet.example/a?b=1)"))[1:]
    assert tag == "a"
    assert attrs["href"] == "https://intranet.example/a?b=1"
    assert attrs["rel"] == "noopener noreferrer"


@override_settings(MARKUP_ALLOWED_HOSTS=["ok.example"])
def test_link_title_is_kept():
    [(_, attrs)] = elements(render_markdown('[x](https://ok.example "說明")'))[1:]
    assert attrs["title"] == "說明"


def test_mailto_link_is_kept():
    [(_, attrs)] = elements(render_markdown("[寫信](mailto:training@bank.example)"))[1:]
    assert attrs["href"] == "mailto:training@bank.example"


def test_relative_link_is_kept():
    [(_, attrs)] = elements(render_markdown("[課程](/courses/aml/)"))[1:]
    assert attrs["href"] == "/courses/aml/"


@override_settings(MARKUP_ALLOWED_HOSTS=["intranet.example"])
def test_https_image_from_an_allowed_host_is_kept():
    [(_, attrs)] = elements(render_markdown("![圖](https://intranet.example/a.png)"))[1:]
    assert attrs == {"alt": "圖", "src": "https://intranet.example/a.png"}


def test_image_under_media_url_is_kept():
    [(_, attrs)] = elements(render_markdown("![圖](/media/images/a.png)"))[1:]
    assert attrs["src"] == "/media/images/a.png"


@pytest.mark.parametrize(
    "src", ["/static/a.png", "images/a.png", "/media/../admin/", "/media/%2e%2e/admin/", "/media/"]
)
def test_image_elsewhere_on_the_site_loses_its_source(src):
    [(_, attrs)] = elements(render_markdown(f"![圖]({src})"))[1:]
    assert "src" not in attrs


@override_settings(MEDIA_URL="/uploads/")
def test_image_rule_follows_media_url():
    assert "src" in elements(render_markdown("![a](/uploads/a.png)"))[1][1]
    assert "src" not in elements(render_markdown("![a](/media/a.png)"))[1][1]


def test_harmless_raw_html_is_kept():
    assert tags(render_markdown("H<sub>2</sub>O 與 x<sup>2</sup>")) == ["p", "sub", "sup"]


def test_same_text_renders_the_same_way():
    text = "甲[^1]\n\n[^1]: 註"
    assert render_markdown(text) == render_markdown(text)


def test_long_text_is_rendered_without_the_cache():
    text = "長文。\n" * (CACHED_TEXT_MAX_LENGTH // 4)
    assert tags(render_markdown(text)).count("br") == CACHED_TEXT_MAX_LENGTH // 4 - 1


def test_threads_render_concurrently_without_mixing_documents():
    # Longer than the cache limit, so every call really converts.
    padding = "\n\n" + "填充。" * CACHED_TEXT_MAX_LENGTH
    texts = [f"第{n}篇[^a]\n\n| n |\n|---|\n| {n} |\n\n[^a]: 註{n}{padding}" for n in range(24)]
    expected = [str(render_markdown(text)) for text in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert [str(html) for html in pool.map(render_markdown, texts)] == expected


def test_a_branchs_worth_of_short_texts_stays_rendered(monkeypatch):
    """Every stem and choice of many drills is still cached when shown again:
    the second pass converts nothing."""
    from markup import rendering

    rendering._render_short_cached.cache_clear()
    texts = [f"第{n}題：活期利率是多少？" for n in range(rendering.CACHE_SIZE * 8)]
    for text in texts:
        render_markdown(text)
    converted = []
    real = rendering._render
    monkeypatch.setattr(rendering, "_render", lambda text: converted.append(text) or real(text))
    again = [render_markdown(text) for text in texts]
    assert converted == []
    assert again[0] == render_markdown(texts[0]) and "第0題" in again[0]
