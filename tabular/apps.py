from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TabularConfig(AppConfig):
    """Installed only so that its messages (file and row errors) are translated."""

    name = "tabular"
    label = "tabular"
    verbose_name = _("Table imports")
