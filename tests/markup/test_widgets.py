from django import forms
from django.contrib.staticfiles import finders
from django.utils import translation

from markup.widgets import MarkdownTextarea

from .html_checks import elements


class ArticleForm(forms.Form):
    body = forms.CharField(label="正文", widget=MarkdownTextarea)


def rendered():
    return str(ArticleForm(initial={"body": "# 標題 <b>"})["body"])


def test_renders_textarea_with_value_escaped():
    html = rendered()
    textareas = [attrs for tag, attrs in elements(html) if tag == "textarea"]
    assert [attrs["name"] for attrs in textareas] == ["body"]
    assert textareas[0]["id"] == "id_body"
    assert "# 標題 &lt;b&gt;" in html


def test_renders_preview_button_and_output_tied_to_the_admin_url():
    found = elements(rendered())
    editor = next(attrs for tag, attrs in found if "data-markup-editor" in attrs)
    assert editor["data-markup-editor-url"] == "/admin/markup/preview/"
    button = next(attrs for tag, attrs in found if tag == "button")
    assert button["type"] == "button" and "name" not in button
    assert button["aria-controls"] == "id_body-preview"
    output = next(attrs for tag, attrs in found if "data-markup-editor-output" in attrs)
    assert output["id"] == "id_body-preview"


def test_labels_are_translated():
    with translation.override("zh-hant"):
        assert "預覽" in rendered()
    with translation.override("zh-hans"):
        assert "预览" in rendered()
    with translation.override("en"):
        assert ">Preview<" in rendered()


def test_extra_attributes_are_merged():
    widget = MarkdownTextarea(attrs={"rows": 4, "placeholder": "寫點什麼", "class": "wide"})
    assert widget.attrs["rows"] == 4 and widget.attrs["placeholder"] == "寫點什麼"
    assert widget.attrs["class"] == "markup-editor__input wide"


def test_media_is_served_by_the_site():
    media = MarkdownTextarea().media
    assert "markup/markdown-editor.js" in str(media)
    assert "markup/markdown-editor.css" in str(media)
    assert "//" not in str(media).replace("://", "")  # no CDN
    assert finders.find("markup/markdown-editor.js")
    assert finders.find("markup/markdown-editor.css")
