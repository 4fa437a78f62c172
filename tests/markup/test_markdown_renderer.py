"""markdown_renderer: many texts rendered in one language with what decides
their HTML looked up once, with the same HTML as render_markdown."""

from django.utils import translation

from markup import rendering
from markup.rendering import markdown_renderer, render_markdown
from tests.spies import calls_of

TEXTS = ["**貸前**調查", "一年期定存利率 3.25%", "", None, "[連結](https://evil.example/)"]


def test_the_same_html_as_render_markdown_in_each_language():
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            render = markdown_renderer()
            assert [render(text) for text in TEXTS] == [render_markdown(text) for text in TEXTS]
    with translation.override("zh-hans"):
        assert "贷前" in markdown_renderer()(TEXTS[0])
        assert "貸前" in markdown_renderer(reader_script=False)(TEXTS[0])


def test_what_decides_the_html_is_looked_up_once(monkeypatch):
    calls = calls_of(monkeypatch, rendering, "rendering_inputs")
    render = markdown_renderer()
    htmls = [render(text) for text in TEXTS * 10]
    assert len(calls) == 1
    assert "<strong>貸前</strong>" in htmls[0]
    assert "evil.example" not in htmls[4]  # sanitised as render_markdown's
