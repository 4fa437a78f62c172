"""The static files' storage in production: WhiteNoise's compressed manifest
storage, with each file's URL worked out once per process.

A `{% static %}` URL comes from the manifest, which does not change while a
process runs, yet Django works it out afresh each time (a look-up in the
manifest, then URL joining and quoting): every page has at least three, and
they were a twelfth of an empty signed-in page's CPU. A new storage (a
changed STORAGES, STATIC_ROOT or STATIC_URL) starts with no URLs kept, and
DEBUG, which turns the hashed names off, is part of the key.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

URLS_KEPT = 4096


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.urls_made: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        key = (name, settings.DEBUG)
        found = self.urls_made.get(key)
        if found is None:
            found = super().url(name)
            if len(self.urls_made) >= URLS_KEPT:
                self.urls_made.clear()
            self.urls_made[key] = found
        return found
