from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarkupConfig(AppConfig):
    """The one Markdown renderer of Lianbing, its template filter and StreamField block."""

    name = "markup"
    label = "markup"
    verbose_name = _("Markdown")
