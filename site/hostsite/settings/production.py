"""Production: every secret and host comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS. Usual: DATABASE_URL (PostgreSQL),
REDIS_URL (django-q2 broker and cache), CSRF_TRUSTED_ORIGINS.
"""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")

# Static files are served by WhiteNoise, compressed and with hashed names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hostsite.static_storage.StaticFilesStorage"},
}

# Documents and images: courses.files decides who may have each one, then hands it
# over as FILE_DELIVERY says (read in base.py): "django" streams it, "x-accel-redirect"
# lets nginx send it from the internal location FILE_DELIVERY_INTERNAL_PREFIX
# (default /protected-media/, an alias of MEDIA_ROOT), "x-sendfile" lets Apache
# (mod_xsendfile) or lighttpd send it. The web server never serves MEDIA_ROOT itself.

# HTTPS. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED=true.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
