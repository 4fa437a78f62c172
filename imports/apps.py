from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """One import pipeline for every uploaded file: upload, a preview with every
    problem located, confirmation, then the apply in the background with
    progress and a final status. Apps register their importers with it
    (imports.registry); it imports no app."""

    name = "imports"
    label = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
