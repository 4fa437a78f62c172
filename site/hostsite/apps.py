from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsiteConfig(AppConfig):
    name = "hostsite"
    label = "hostsite"
    verbose_name = _("Lianbing host site")
