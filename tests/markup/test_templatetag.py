from django.template import Context, Template

from .html_checks import assert_not_executable, elements


def render(text):
    return Template("{% load markup %}{{ text|markdown }}").render(Context({"text": text}))


def test_filter_renders_markdown():
    assert elements(render("**重點**\n第二行")) == [("p", {}), ("strong", {}), ("br", {})]


def test_filter_output_is_not_escaped_again():
    assert "&lt;p&gt;" not in render("段落")


def test_filter_sanitises():
    html = render('<script>alert(1)</script>[x](javascript:alert(1))<img src=x onerror="alert(1)">')
    assert_not_executable(html)


def test_filter_on_none_renders_nothing():
    assert render(None) == ""


def test_filter_on_a_non_string_renders_its_text():
    assert elements(render(42)) == [("p", {})]


def test_filter_shows_traditional_text_in_simplified_to_simplified_readers():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert render("**軟體**資訊「一口清」") == "<p><strong>软件</strong>信息“一口清”</p>"
    with translation.override("zh-hant"):
        assert render("**軟體**資訊") == "<p><strong>軟體</strong>資訊</p>"
