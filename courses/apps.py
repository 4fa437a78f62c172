from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Case-study courses as Wagtail pages, enrolment and progress."""

    name = "courses"
    label = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use the models, which are
        # loaded only once every app's config is (Django's app loading).
        # checks and the receivers (training plans and the follow-up follow
        # progress) register themselves when imported.
        from requestmemo.prefetch import request_keys_provide

        from . import (  # noqa: F401
            authoring,
            checks,
            confidentiality,
            page_context,
            page_tree_cache,
            receivers,
            receivers_certification,
            receivers_followup,
            receivers_plans,
        )
        from .models import RiskFactor
        from .pipeline_results import register_importer

        request_keys_provide(page_tree_cache.generation_cache_keys)
        page_context.register()
        authoring.connect_receivers()
        page_tree_cache.connect_receivers()
        page_tree_cache.page_tree_changed_by(RiskFactor)
        confidentiality.connect_receivers()
        register_importer()
