from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    """Shared plumbing for django-q2: the start-up check of its configuration,
    schedules created by name, and the cluster status command."""

    name = "background"
    label = "background"
    verbose_name = _("Background work")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
