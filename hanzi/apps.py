from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HanziConfig(AppConfig):
    """Traditional/Simplified conversion of content and the `reader_script` filter."""

    name = "hanzi"
    label = "hanzi"
    verbose_name = _("Chinese scripts")
