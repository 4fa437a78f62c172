import html

import pytest

from markup.rendering import render_markdown
from quizzes.importers.text_formats import escape_html, escape_plain, plain_text

PLAIN = [
    "1 < 2 & 3 > 2",
    '<html class="cool"> &amp;',
    "# not a heading",
    "1. not a list",
    "- not a list",
    "+ not a list",
    "* not a list",
    "> not a quote",
    "a heading?\n===",
    "---",
    "*star* _under_ `code` [link](x) \\back",
    "  # indented",
    "年利率 2*3*4 ＝ 24",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_renders_exactly_as_typed(text):
    expected = html.escape(text, quote=False).replace("\n", "<br>\n")
    assert render_markdown(escape_plain(text)) == f"<p>{expected.strip()}</p>"
    assert plain_text(escape_plain(text)) == " ".join(text.split())


def test_html_keeps_tags_and_entities_and_shows_the_rest_literally():
    assert (
        render_markdown(escape_html("<b>2*3</b> &amp; a_b_ # x"))
        == "<p><b>2*3</b> &amp; a_b_ # x</p>"
    )


def test_an_html_block_is_left_as_it_is():
    # Python-Markdown does not look inside it, so an escape would show.
    assert escape_html("<p>2*3</p>") == "<p>2*3</p>"
    assert escape_html("<p>2*3</p>\n\nthen *this*") == "<p>2*3</p>\n\nthen \\*this\\*"


def test_plain_text_of_markdown():
    assert (
        plain_text("**粗體** 與 *斜體*，<b>標籤</b>與 `程式` &amp; \\_")
        == "粗體 與 斜體，標籤與 程式 & _"
    )
    assert plain_text("第 _____ 個") == "第 _____ 個"
