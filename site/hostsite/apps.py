from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class HostsiteConfig(AppConfig):
    name = "hostsite"
    label = "hostsite"
    verbose_name = _("Lianbing host site")


# Django's own Simplified Chinese catalog gives form labels an ASCII colon;
# the host's catalogs (LOCALE_PATHS, read first) give both Chinese a full-width one.
# Translators: the suffix Django puts after every form field's label.
LABEL_SUFFIX = gettext_noop(":")
