"""WSGI entry point: `gunicorn --chdir site hostsite.wsgi`."""

import os
import sys
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import get_resolver  # noqa: E402

application = get_wsgi_application()
# The URL configuration imports every app's views (about 0.3 s): done as the
# process starts, before it accepts a request, instead of by its first request
# while the others that arrive with it wait behind the import.
get_resolver().url_patterns  # noqa: B018 (read for its import)
