from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CjkSearchConfig(AppConfig):
    """The search backend `cjksearch.backend`; installed so that it sits with the other apps."""

    name = "cjksearch"
    label = "cjksearch"
    verbose_name = _("Chinese search")
