from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Question banks, 一口清 recall drills, attempts and grading, spaced
    repetition, mastery by topic, imports and item analysis. Knows nothing of courses."""

    name = "quizzes"
    label = "quizzes"
    verbose_name = _("Drills and question banks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: apps.py is loaded before any model, and
        # these modules import models (the app registry would not be ready).
        from imports.registry import register
        from requestmemo.prefetch import request_keys_provide

        from . import receivers  # noqa: F401
        from .pipeline import FactSheetImporter, QuestionImporter
        from .selectors.memory import time_zone_cache_keys

        register(QuestionImporter())
        register(FactSheetImporter())
        request_keys_provide(time_zone_cache_keys)
