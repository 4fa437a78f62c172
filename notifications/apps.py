from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class NotificationsConfig(AppConfig):
    """Notices to a person, shown in the header and sent by e-mail."""

    name = "notifications"
    label = "notifications"
    verbose_name = pgettext_lazy("notice", "Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from requestmemo.prefetch import request_keys_provide

        from .selectors import unread_cache_keys

        request_keys_provide(unread_cache_keys)
