from django.template import Context, Template
from wagtail import blocks
from wagtail.admin.telepath import JSContext

from markup.blocks import MarkdownBlock
from markup.widgets import MarkdownTextarea

from .html_checks import assert_not_executable, elements


def test_render_basic_uses_the_renderer():
    assert elements(MarkdownBlock().render("**重點**\n第二行")) == [
        ("p", {}),
        ("strong", {}),
        ("br", {}),
    ]


def test_render_sanitises():
    assert_not_executable(MarkdownBlock().render("<svg onload=alert(1)>[x](javascript:alert(1))"))


def test_render_in_a_stream_with_include_block():
    stream_block = blocks.StreamBlock([("text", MarkdownBlock())])
    value = stream_block.to_python([{"type": "text", "value": "| a |\n|---|\n| 1 |"}])
    html = Template("{% load wagtailcore_tags %}{% include_block value %}").render(
        Context({"value": value})
    )
    assert "table" in [tag for tag, _ in elements(html)]


def test_empty_value_renders_nothing():
    assert MarkdownBlock(required=False).render("") == ""


def test_form_field_uses_the_markdown_editor():
    block = MarkdownBlock(required=False, rows=8, max_length=500)
    field = block.field
    assert isinstance(field.widget, MarkdownTextarea)
    assert field.widget.attrs["rows"] == 8
    assert field.required is False and field.max_length == 500


def test_value_round_trips_as_plain_text():
    block = MarkdownBlock()
    assert block.get_prep_value("# 標題") == "# 標題"
    assert block.to_python("# 標題") == "# 標題"


def test_deconstructs_to_its_public_path():
    path, args, kwargs = MarkdownBlock().deconstruct()
    assert path == "markup.blocks.MarkdownBlock"


def test_search_index_gets_the_text():
    assert MarkdownBlock().get_searchable_content("**風險**") == ["**風險**"]


def test_preview_value_renders():
    block = MarkdownBlock()
    assert "h2" in [tag for tag, _ in elements(block.render(block.get_preview_value()))]


def test_admin_definition_carries_the_editor_and_its_script():
    context = JSContext()
    packed = str(context.pack(MarkdownBlock()))
    assert "data-markup-editor" in packed
    assert "/admin/markup/preview/" in packed
    assert "markup/markdown-editor.js" in str(context.media)
