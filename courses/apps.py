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
        from . import authoring, catalogue_cache, checks, confidentiality, page_context, receivers  # noqa: F401  (receivers, checks)
        from .receivers_followup import schedule_followup  # noqa: F401  (connects the follow-up's receivers)

        page_context.register()
        authoring.connect_receivers()
        catalogue_cache.connect_receivers()
        confidentiality.connect_receivers()
