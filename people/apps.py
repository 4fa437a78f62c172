from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    label = "people"
    verbose_name = _("People and organisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use the models, which are
        # loaded only once every app's config is (Django's app loading).
        from imports.registry import register
        from requestmemo.prefetch import request_keys_provide

        from . import receivers
        from .pipeline import RosterImporter
        from .viewer_cache import viewer_cache_keys

        receivers.connect()
        register(RosterImporter())
        request_keys_provide(viewer_cache_keys)
