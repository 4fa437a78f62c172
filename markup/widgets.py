"""The Markdown editor: a roomy monospace textarea and a Preview button that
asks the server for the same sanitised rendering readers will see.

Works in FieldPanels and, through Wagtail's default telepath adapter for
Django widgets, inside StreamField blocks (the script uses event delegation,
so blocks added later need nothing more).
"""

from django import forms
from django.urls import NoReverseMatch, reverse


class MarkdownTextarea(forms.Textarea):
    template_name = "markup/widgets/markdown_textarea.html"

    def __init__(self, attrs: dict | None = None) -> None:
        attrs = {"rows": 15, **(attrs or {})}
        # Keep our class beside any the caller gives: it carries the monospace style.
        attrs["class"] = " ".join(filter(None, ["markup-editor__input", attrs.get("class")]))
        super().__init__(attrs)

    class Media:
        css = {"all": ["markup/markdown-editor.css"]}
        js = ["markup/markdown-editor.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            context["widget"]["preview_url"] = reverse("markup:preview")
        except NoReverseMatch:
            # A site without the Wagtail admin URLs still gets a working textarea.
            context["widget"]["preview_url"] = ""
        return context
