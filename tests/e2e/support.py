"""Support for the browser tests: finding, and if need be installing, Debian's
Chromium; starting it beside Django; the few constants the journeys share.

The browser is Debian's `chromium` package at /usr/bin/chromium, not a build
downloaded by Playwright: intranet machines and CI have no access to
Playwright's download host. When it is missing, `ensure_chromium` installs it
with apt-get (as root, non-interactive, with a timeout, under a lock file so
parallel runs do not clash) together with a CJK font, so Chinese does not
show as boxes in screenshots.
"""

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path(os.environ.get("LIANBING_CHROMIUM", "/usr/bin/chromium"))
# Without the networking flags Chromium calls outside hosts at start (DESIGN.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BROWSER_PACKAGE = "chromium"
FONT_PACKAGE = "fonts-wqy-microhei"
APT_TIMEOUT = 900  # seconds, for each apt-get call
INSTALL_LOCK = Path(tempfile.gettempdir()) / "lianbing-chromium-install.lock"

PHONE = {"width": 360, "height": 740}  # the viewport of the phone journeys
PASSWORD = "pass-word-123"  # what tests/factories.py gives every user


def open_site_menu(page) -> None:
    """Open the header's menu where it is folded behind its button (on a phone,
    with JavaScript); elsewhere it is open already."""
    toggle = page.locator("[data-menu-toggle]")
    if toggle.count() and toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def browser_required() -> bool:
    """LIANBING_BROWSER_REQUIRED=1 (set by .ci/run) turns a skip into a failure."""
    return os.environ.get("LIANBING_BROWSER_REQUIRED", "").lower() in {"1", "true", "yes"}


def chromium_args() -> list[str]:
    # Containers often give /dev/shm 64 MB, too little for Chromium; Debian's
    # launcher means to add this flag then, but its check is not reliable.
    small_shm = True
    with contextlib.suppress(OSError):
        stat = os.statvfs("/dev/shm")
        small_shm = stat.f_bavail * stat.f_frsize < 1024**3
    return CHROMIUM_ARGS + (["--disable-dev-shm-usage"] if small_shm else [])


def cjk_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    result = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


def apt_get(*args: str) -> None:
    """Run apt-get without prompts; raise RuntimeError with its last lines on failure."""
    command = ["apt-get", "-q", *args]
    try:
        result = subprocess.run(
            command,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=APT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"`{' '.join(command)}` took more than {APT_TIMEOUT} s") from exc
    except OSError as exc:
        raise RuntimeError(f"`{' '.join(command)}` could not start: {exc}") from exc
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError(
            f"`{' '.join(command)}` exited with {result.returncode}: " + " | ".join(tail)
        )


def _missing_packages() -> list[str]:
    missing = [] if CHROMIUM.exists() else [BROWSER_PACKAGE]
    return missing + ([] if cjk_font_installed() else [FONT_PACKAGE])


def ensure_chromium() -> str | None:
    """Install Chromium (and a CJK font) when missing.

    Returns None when the browser is there, else why it is not. A missing font
    alone is never a reason to skip: the pages still work, only screenshots
    show boxes for Chinese."""
    missing = _missing_packages()
    if BROWSER_PACKAGE not in missing and FONT_PACKAGE not in missing:
        return None
    browser_missing = BROWSER_PACKAGE in missing
    if os.geteuid() != 0:
        return f"{CHROMIUM} is missing and installing it needs root" if browser_missing else None
    if not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and there is no apt-get" if browser_missing else None

    with open(INSTALL_LOCK, "w") as lock:
        # One installer at a time; whoever waited finds the work done.
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            missing = _missing_packages()
            if missing:
                apt_get("update")
                apt_get("install", "-y", "--no-install-recommends", *missing)
        except RuntimeError as exc:
            if BROWSER_PACKAGE in missing:
                return f"could not install {' '.join(missing)}: {exc}"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return None if CHROMIUM.exists() else f"apt-get ran, yet {CHROMIUM} is still missing"


@contextlib.contextmanager
def _async_unsafe_allowed():
    """Playwright's sync API keeps an asyncio event loop running in the test's
    thread, and Django then refuses ORM calls from it (SynchronousOnlyOperation).
    DJANGO_ALLOW_ASYNC_UNSAFE is Django's documented way out; it is set only
    while the browser runs, so the rest of the suite keeps Django's check."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _hand_over(connections, opened) -> None:
    """Register already open connections in the current storage, as Django's
    LiveServerThread does with `connections_override`."""
    for connection in opened:
        connections[connection.alias] = connection


@contextlib.contextmanager
def chromium_beside_django():
    """Start Playwright and Debian's Chromium (headless) and yield the browser.

    Django keeps database connections per thread, but per asyncio context while
    an event loop runs in the thread, as Playwright's loop does from here on.
    Without care the test thread would open fresh connections that lack the
    snapshot `serialized_rollback` restores from, so data migrations' rows
    (role groups, Wagtail's root page) would vanish after the first flush. The
    open connections are therefore handed over on the way in and back on the
    way out."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    opened = connections.all(initialized_only=True)
    try:
        with _async_unsafe_allowed(), sync_playwright() as playwright:
            _hand_over(connections, opened)
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=chromium_args()
            )
            try:
                yield browser
            finally:
                browser.close()
                opened = connections.all(initialized_only=True)
    finally:
        _hand_over(connections, opened)


def flush_for_serialized_rollback() -> None:
    """Empty every test database that has a serialized snapshot.

    `serialized_rollback` reloads the snapshot at the start of each test and
    flushes at its end. The first such test may follow transactional tests
    that flushed without a snapshot and let post_migrate recreate content
    types under new ids; reloading over those fails on unique constraints.
    Emptying first makes the reload land on a clean database. Call with
    database access allowed (pytest-django's `django_db_blocker.unblock()`)."""
    from django.core.management import call_command
    from django.db import connections

    for connection in connections.all():
        if hasattr(connection, "_test_serialized_contents"):
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=connection.alias,
                inhibit_post_migrate=True,
            )


def settle_after_serialized_reload() -> None:
    """Make the database and Django's caches agree with the snapshot that
    `serialized_rollback` has just reloaded, before a test adds rows.

    - Sequences: the flush restarted them and the reload inserted rows under
      their old ids, so on PostgreSQL the next insert would reuse id 1.
    - Content types: while the reload runs, Wagtail's workflow tasks ask for
      their content type; the process-wide cache must hold the reloaded ids (an
      id made while the table was empty is stale, and an empty cache makes a
      row that the next reload then repeats)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connections

    models = apps.get_models()
    for connection in connections.all():
        if not hasattr(connection, "_test_serialized_contents"):
            continue
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*models)
