"""The editor's script in a real Chromium, against the live server.

The editor is added to a Wagtail admin page after it has loaded, as
StreamField does with a new block, so this also shows that editors added
later need no set-up of their own.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from markup.widgets import MarkdownTextarea
from tests.e2e.support import CHROMIUM, chromium_beside_django, flush_for_serialized_rollback

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    if not CHROMIUM.exists():
        pytest.skip(f"No browser: {CHROMIUM} is missing (tests/e2e installs it)")
    with django_db_blocker.unblock():
        flush_for_serialized_rollback()
    with chromium_beside_django() as browser:
        yield browser


@pytest.fixture
def admin_page(browser, live_server):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, locale="zh-TW")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/admin/")
    yield page
    context.close()


def add_editor(page):
    """Insert an editor and its script into the loaded page, as a new block would."""
    html = MarkdownTextarea().render("body", "", {"id": "id_body"})
    page.evaluate(
        "html => document.querySelector('main').insertAdjacentHTML('afterbegin', html)", html
    )
    page.add_script_tag(url="/static/markup/markdown-editor.js")
    return page.locator("[data-markup-editor]")


def test_preview_shows_the_sanitised_server_rendering(admin_page):
    editor = add_editor(admin_page)
    editor.locator("textarea").fill(
        "**重點**\n第二行<img src=x onerror='window.pwned=1'><script>window.pwned=1</script>"
    )
    editor.get_by_role("button", name="預覽").click()
    output = editor.locator("[data-markup-editor-output]")
    output.locator("strong").wait_for()
    assert output.is_visible()
    assert output.locator("strong").inner_text() == "重點"
    assert output.locator("br").count() == 1
    assert output.locator("script, [onerror]").count() == 0
    assert admin_page.evaluate("window.pwned") is None


def test_too_long_text_shows_the_server_message(admin_page, settings):
    settings.MARKUP_PREVIEW_MAX_LENGTH = 10
    editor = add_editor(admin_page)
    editor.locator("textarea").fill("字" * 11)
    editor.get_by_role("button", name="預覽").click()
    output = editor.locator("[data-markup-editor-output]")
    output.get_by_text("文字太長").wait_for()
    assert "11" in output.inner_text()
