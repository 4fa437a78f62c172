from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class HostsiteConfig(AppConfig):
    name = "hostsite"
    label = "hostsite"
    verbose_name = _("Lianbing host site")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from requestmemo.prefetch import request_keys_provide

        from . import checks  # noqa: F401  (registers the deploy check of the cache)
        from .context_processors import forget_site_names, site_names_cache_keys

        request_keys_provide(site_names_cache_keys)

        # The site's name shown in the header is cached (context_processors.site_name).
        post_save.connect(forget_site_names, sender=Site, dispatch_uid="hostsite-site-saved")
        post_delete.connect(forget_site_names, sender=Site, dispatch_uid="hostsite-site-deleted")


# Django's own Simplified Chinese catalog gives form labels an ASCII colon;
# the host's catalogs (LOCALE_PATHS, read first) give both Chinese a full-width one.
# Translators: the suffix Django puts after every form field's label.
LABEL_SUFFIX = gettext_noop(":")
