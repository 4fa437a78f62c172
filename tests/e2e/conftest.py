"""Browser tests: Playwright for Python driving Debian's Chromium (see support.py).

Chromium comes from Debian's package at /usr/bin/chromium; when it is missing
the session installs it once (root and apt-get needed). Browser tests skip,
saying why, only when that cannot be done; with LIANBING_BROWSER_REQUIRED=1
(set by .ci/run) they fail instead, so CI never passes without a browser.

Fixtures: `browser` (one Chromium for all of tests/e2e), `page` (a fresh context per
test: a 360 x 740 phone, locale zh-TW, base URL of the live server),
`log_in` (through the login form), `log_in_as` (a session cookie, for journeys
that are not about logging in) and `screenshot` (saves into screenshots/,
which git ignores). A failing test leaves screenshots/FAILED-<test>.png.

Tests using `page` need committed data:
`pytest.mark.django_db(transaction=True, serialized_rollback=True)`; the
serialized rollback puts back what data migrations made (role groups,
Wagtail's root page) after each flush.
"""

import contextlib
import os
from pathlib import Path

import pytest

from .support import (
    PASSWORD,
    PHONE,
    browser_required,
    chromium_beside_django,
    ensure_chromium,
    flush_for_serialized_rollback,
    settle_after_serialized_reload,
)

# Serve on IPv4 loopback: "localhost" may resolve to ::1 first in the browser.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for all the browser tests. Package-scoped rather than
    session-scoped: pytest-django runs the live-server tests together, and the
    event loop Playwright keeps running would otherwise stay for every later
    test of the session (see support.chromium_beside_django)."""
    why = ensure_chromium()
    if why:
        if browser_required():
            pytest.fail(f"Browser tests are required (LIANBING_BROWSER_REQUIRED) but {why}")
        pytest.skip(f"No browser for the browser tests: {why}")
    with django_db_blocker.unblock():
        flush_for_serialized_rollback()
    with chromium_beside_django() as browser:
        yield browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so `page` can tell a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, live_server):
    """A fresh phone-sized page in its own context (no cookies carried over).
    On failure a screenshot is saved as screenshots/FAILED-<test>.png."""
    settle_after_serialized_reload()
    context = browser.new_context(
        viewport=PHONE,
        screen=PHONE,
        locale="zh-TW",
        timezone_id="Asia/Shanghai",
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    failure_shot = SCREENSHOTS / f"FAILED-{request.node.name}.png"
    if report is not None and report.failed:
        with contextlib.suppress(Exception):
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=failure_shot, full_page=True)
    elif report is not None and report.passed:
        failure_shot.unlink(missing_ok=True)  # an old failure's picture would mislead
    context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "step") saves screenshots/<test name>-<nn>-<step>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    counter = iter(range(1, 100))
    prefix = request.node.name.removeprefix("test_")

    def take(page, step: str) -> Path:
        path = SCREENSHOTS / f"{prefix}-{next(counter):02d}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def log_in():
    """log_in(page, username, password=...) logs in through the login form
    and waits until the browser has left the login page."""

    def submit(page, username: str, password: str = PASSWORD, next_url: str = "/"):
        page.goto(f"/accounts/login/?next={next_url}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return submit


@pytest.fixture
def log_in_as(live_server):
    """log_in_as(page, user) gives the page's context a logged-in session
    cookie, for journeys that are not about logging in."""
    from django.conf import settings
    from django.test import Client

    def attach(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return attach
