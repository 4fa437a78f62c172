"""Settings shared by every Lianbing environment.

Everything a deployment changes comes from environment variables (see README,
"Running in production"). The embedded default needs no service at all:
SQLite in WAL mode and django-q2's database broker.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .caching import shared_cache
from .env import env_bool, env_int, env_list, env_str
from .replica import replica_configured

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
REPO_DIR = SITE_DIR.parent
VAR_DIR = Path(env_str("LIANBING_VAR_DIR", str(REPO_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "lianbing-insecure-development-key-change-me-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Lianbing
    "hostsite",
    "hostsite.home",
    "people",
    "quizzes",
    "courses",
    "mentorship",
    "markup",
    "background",
    "imports",
    "tabular",
    "cjksearch",
    "hanzi",
    "frame",
    "notifications",
    "replicas",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "ninja",  # serves the API docs' scripts itself rather than from a CDN
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Answers read once per request from the shared cache (requestmemo).
    "requestmemo.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Bodies over the size limits: 413 with a message before anything reads them.
    "hostsite.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "hostsite.auth_middleware.ResolvingAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hostsite.urls"
WSGI_APPLICATION = "hostsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "hostsite" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hostsite.context_processors.navigation",
                "hostsite.context_processors.site_name",
                "notifications.context_processors.unread_notices",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://...) in production and CI; without
# it Lianbing runs on SQLite in WAL mode with a busy timeout, so the web server
# and the django-q2 cluster can write at the same time.
SQLITE_PATH = VAR_DIR / "lianbing.sqlite3"
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DATABASES, REPLICAS_ALIAS, DATABASE_ROUTERS = replica_configured(DATABASES)  # replica.py
if env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Every statement is bound on the server and prepared from its fifth run
    # on a connection, so PostgreSQL plans each once per connection: planning
    # the dashboard's follow-up query took 1.4 ms, running it 0.1 ms. Off for
    # a pooler that cannot keep prepared statements (PgBouncer before 1.21 in
    # transaction mode): Django then binds on the client and prepares nothing.
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database.setdefault("OPTIONS", {}).update(
                prepare_threshold=5, server_side_binding=True
            )

# --- Cache and background work ---------------------------------------------------
# django-q2 keeps its cluster statistics in the cache, so the cache must be
# shared between processes: Redis when REDIS_URL is set, files otherwise.
REDIS_URL = env_str("REDIS_URL")
CACHES, SESSION_ENGINE = shared_cache(REDIS_URL, VAR_DIR)  # caching.py

Q_CLUSTER = {
    "name": "lianbing",
    "workers": env_int("Q_WORKERS", 2),
    # A task is abandoned after `timeout` seconds and re-delivered after
    # `retry` seconds; retry must be longer (checked at start-up, see background.checks).
    "timeout": env_int("Q_TIMEOUT", 300),
    "retry": env_int("Q_RETRY", 360),
    "max_attempts": 3,
    "queue_limit": 50,
    "bulk": 1,
    "catch_up": False,
    "label": _("Background tasks"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Wagtail 8 runs its own small jobs (search index, reference index, renditions)
# through django-tasks. They stay in the request (ImmediateBackend): they are
# short, and deferring them would leave search stale. Lianbing's own long work
# (imports, matching, reports) goes to django-q2.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Authentication ------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# The admin's sign-in form names the user-name field as the front end's does.
WAGTAILADMIN_USER_LOGIN_FORM = "hostsite.accounts.AdminSignInForm"

# --- Languages and time -----------------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# site/wagtail_overrides: Chinese for Wagtail's own admin messages that Wagtail's
# catalogs leave in English (see its README). After the host site's own catalog,
# so the project's words win where both have one; before every app's catalog.
LOCALE_PATHS = [SITE_DIR / "hostsite" / "locale", SITE_DIR / "wagtail_overrides" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Serving documents and images ------------------------------------------------------
# Documents and images (MEDIA_URL) go only to those who may open the pages that use
# them (courses.files), then are streamed by Django or, in production, handed over
# by the web server in front (COURSES_FILE_DELIVERY: see production.py and README).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "courses.files"
COURSES_FILE_DELIVERY = env_str("FILE_DELIVERY", "django")
COURSES_FILE_DELIVERY_INTERNAL_PREFIX = env_str(
    "FILE_DELIVERY_INTERNAL_PREFIX", "/protected-media/"
)

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "練兵 Lianbing"
# An approved page is published by its workflow, not by the approver's own
# publish permission, which nobody in an authoring area holds (courses.authoring).
WAGTAIL_FINISH_WORKFLOW_ACTION = "courses.workflow_actions.publish_approved"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search, taught to find Chinese words inside longer text and
# to fold Traditional and Simplified (see cjksearch).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cjksearch.backend"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "mp4",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "vtt",
    "webm",
    "xlsx",
    "zip",
]
# Intranet first: no oEmbed look-ups to outside hosts unless a site asks for them.
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": []}]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Uploads ----------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_q": {"level": env_str("Q_LOG_LEVEL", "WARNING")},
        # One line per Wagtail background job is noise at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN
DEBUG_TOOLBAR = env_bool("DEBUG_TOOLBAR", False)

# --- Sign-in throttling (django-axes) ----------------------------------------------
# Failed sign-ins, on the site's login and on the admin's, are counted per
# account and, separately, per address (AXES_LOCKOUT_PARAMETERS: either one
# reaching the limit pauses sign-in). OWASP ASVS 2.2.1 asks for at most 100
# failed attempts per account per hour, without letting anyone lock another
# person out for long. So the pause is short and the limit small rather than
# 100 failures and an hour's lock:
# - a pause starts after AXES_FAILURE_LIMIT (10) failures that each follow the
#   previous one within AXES_COOLOFF_TIME (6 minutes), and ends 6 minutes after
#   the last counted failure; attempts refused during a pause are not counted
#   and do not extend it, and a refused attempt's password is never checked;
# - so any 6 minutes see at most 10 checked wrong passwords per account and per
#   address: at most 100 per hour, and an attacker who pauses someone else's
#   account (from any address) holds it for 6 minutes, then must spend 10 more
#   guesses of the same hour's 100 to pause it again.
# Locking by the combination of account and address alone would leave someone
# who guesses from many addresses unthrottled, so the account counts on its own.
# A successful sign-in does not reset the counts (AXES_RESET_ON_SUCCESS): with
# addresses counted, signing in to one's own account would otherwise wipe the
# guesses just made from the same address at other accounts.
INSTALLED_APPS += ["axes"]
# django-axes checks the count before the password and records the failure
# after it, so guesses sent at the same moment would all pass its check.
# hostsite.signin.SignInGateBackend (an AxesStandaloneBackend) decides under a
# database row lock per account and per address: a password is checked only
# while failures recorded plus checks running stay under AXES_FAILURE_LIMIT, so
# the limit holds however many requests arrive at once, on every process. The
# database, not the cache: the lock then holds wherever the failures are kept
# (the development cache is file-based, with no atomic add across processes).
# A request refused because the checks running would reach the limit if they
# fail gets the pause page and is not counted, like one refused during a pause.
AUTHENTICATION_BACKENDS = [
    # First: refuses a paused account or address before any password is checked.
    "hostsite.signin.SignInGateBackend",
    # Django's ModelBackend, with the reader's groups, person and permissions
    # kept in the shared cache between requests (people.viewer_cache).
    "people.auth_backends.ViewerCacheBackend",
]
# django-axes' database handler, ending a running check once its outcome is recorded.
AXES_HANDLER = "hostsite.signin.SignInHandler"
# A running check left by a request that died stops counting after this.
SIGNIN_CHECK_TIMEOUT = timedelta(seconds=60)
# django-axes writes a log row for every sign-in; the schedule
# hostsite.delete_old_signin_records deletes logs and failure counts older than this.
SIGNIN_RECORDS_KEPT_DAYS = env_int("SIGNIN_RECORDS_KEPT_DAYS", 30)
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as django-axes requires
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=6)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "hostsite.signin.lockout_response"  # a translated page, HTTP 429
AXES_CLIENT_IP_CALLABLE = "hostsite.signin.client_ip_address"
# The certificates' public verification page limits unknown codes per client address, the same one.
COURSES_CLIENT_ADDRESS = "hostsite.signin.client_ip_address"
# Behind reverse proxies that append to X-Forwarded-For, how many there are:
# without it every person would share the proxy's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Failures and pauses are logged as warnings; every success and clean-up at INFO is noise.
LOGGING["loggers"]["axes"] = {"level": env_str("AXES_LOG_LEVEL", "WARNING")}

# --- Mentoring ------------------------------------------------------------------------
# A mentor sees their mentee's training record while, and only while, their pair is
# active (mentorship.scope); other settings: mentorship/conf.py.
PEOPLE_SCOPE_EXTENSIONS = ["mentorship.scope.active_mentees_q"]

# --- Markdown ---------------------------------------------------------------------------
# Outside hosts that Markdown may show images from and link to (comma-separated
# host names, ".example.com" for a domain and its subdomains). Empty: only the
# site itself and its media, so no author can plant a tracking image.
MARKUP_ALLOWED_HOSTS = env_list("MARKUP_ALLOWED_HOSTS")

# --- Content-Security-Policy (django-csp) ----------------------------------------------
# Every HTML page: scripts and styles only from the site's own files (an inline
# script needs the request's nonce, {{ request.csp_nonce }}; no 'unsafe-inline'),
# images and videos from the site and MARKUP_ALLOWED_HOSTS, nothing embedded,
# forms posted only to the site. Wagtail's admin writes inline scripts and
# styles, so pages under /admin/ get ADMIN_CONTENT_SECURITY_POLICY instead
# (hostsite.csp). Documents, images and JSON get no policy: they are not pages.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "hostsite.csp.ContentSecurityPolicyMiddleware",
)
# ".bank.example" allows the domain and its subdomains, in CSP's words two sources.
_content_hosts = [
    source
    for host in MARKUP_ALLOWED_HOSTS
    for source in ([host[1:], f"*{host}"] if host.startswith(".") else [host])
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_content_hosts],
        "media-src": [SELF, *_content_hosts],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_content_hosts],
        "media-src": [SELF, "blob:", *_content_hosts],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
