"""StreamField blocks for user-written Markdown."""

from django import forms
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .rendering import render_markdown
from .widgets import MarkdownTextarea


class MarkdownBlock(blocks.TextBlock):
    """Markdown text, edited with a server-rendered preview, shown sanitised."""

    def __init__(self, required=True, help_text=None, rows=15, **kwargs):
        super().__init__(required=required, help_text=help_text, rows=rows, **kwargs)

    @cached_property
    def field(self):
        return forms.CharField(
            widget=MarkdownTextarea(attrs={"rows": self.rows}), **self.field_options
        )

    def render_basic(self, value, context=None) -> SafeString:
        return render_markdown(value)

    class Meta:
        icon = "doc-full"
        label = _("Markdown text")
        description = _("Text written in Markdown: headings, lists, tables, links and footnotes.")
        # Shown in the admin's block chooser.
        preview_value = _(
            "## Case background\n"
            "The customer manager doubts where the client's money comes from.\n"
            "A due-diligence check follows the **anti-money-laundering guide**.\n\n"
            "1. Check the identity documents\n"
            "2. Check the account statements"
        )
