from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplicasConfig(AppConfig):
    """The read replica's router and the mark for views that read from it."""

    name = "replicas"
    label = "replicas"
    verbose_name = _("Read replica")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
