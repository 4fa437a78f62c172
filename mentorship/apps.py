from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    """傳幫帶 mentoring: mentor profiles, mentee needs, pair suggestions solved as one
    optimal assignment, pairs with agreements and check-ins, and their outcomes.
    Uses people, quizzes and courses; nothing imports it."""

    name = "mentorship"
    label = "mentorship"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from requestmemo.prefetch import request_keys_provide

        from . import receivers  # noqa: F401  (connects the cache's forgetting)
        from .selectors.profiles import membership_cache_keys

        request_keys_provide(membership_cache_keys)
