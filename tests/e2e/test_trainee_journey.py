"""A trainee on a phone: logs in, reads the home page in Traditional Chinese,
switches to English, then to Simplified Chinese, and finds their profile.

Screenshots of every step stay in tests/e2e/screenshots/ for a person to look at.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .support import PASSWORD, PHONE, open_site_menu

# live_server needs committed data; serialized_rollback puts back what the data
# migrations created (the role groups, Wagtail's root page) after each flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORM_CONTROLS = "input:not([type=hidden]), select, textarea, button"


def welcome(language: str, name: str) -> str:
    """The home page heading as Django's catalogues translate it."""
    with translation.override(language):
        return translation.gettext("Welcome, %(name)s") % {"name": name}


def assert_fits_phone(page) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], (
        f"{page.url} scrolls sideways on a {PHONE['width']} px phone: "
        f"the page is {scroll_width} px wide"
    )


def switch_language(page, code: str) -> None:
    """Choose a language in the header menu; site.js submits the form on change."""
    open_site_menu(page)
    with page.expect_navigation():
        page.locator("#language-select").select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_trainee_logs_in_and_switches_language(page, trainee, screenshot):
    name = trainee.name

    # 1. The login page, in Traditional Chinese for a zh-TW browser.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    assert_fits_phone(page)
    screenshot(page, "login-zh-hant")

    # 2. Log in through the form and land on the home page.
    with translation.override("zh-hant"):
        username_label = translation.gettext("Employee id or user name")
        password_label = translation.gettext("Password")
    page.get_by_label(username_label, exact=True).fill(trainee.user.username)
    page.get_by_label(password_label, exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    heading = page.locator("main h1")
    expect(heading).to_have_text(welcome("zh-hant", name))
    expect(heading).to_have_text(re.compile(r"^歡迎"))  # fails if the catalogue is not compiled
    profile = page.locator("section.panel").filter(has=page.get_by_text(trainee.employee_id))
    expect(profile).to_be_visible()
    assert_fits_phone(page)
    screenshot(page, "home-zh-hant")

    # 3. English.
    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(heading).to_have_text(f"Welcome, {name}")
    assert_fits_phone(page)
    screenshot(page, "home-en")

    # 4. Simplified Chinese, with the profile and its employee id.
    switch_language(page, "zh-hans")
    expect(heading).to_have_text(welcome("zh-hans", name))
    expect(heading).to_have_text(re.compile(r"^欢迎"))
    with translation.override("zh-hans"):
        profile_title = translation.gettext("My profile")
    profile = page.locator("section.panel").filter(
        has=page.get_by_role("heading", name=profile_title, exact=True)
    )
    expect(profile).to_be_visible()
    expect(profile.get_by_text(trainee.employee_id, exact=True)).to_be_visible()
    expect(profile.get_by_text(trainee.unit.name)).to_be_visible()
    expect(page.locator(".user-menu summary")).to_have_text(name)
    assert_fits_phone(page)
    screenshot(page, "home-zh-hans")

    # The choice sticks: a fresh visit to the home page keeps Simplified Chinese.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def test_every_login_form_control_has_an_accessible_name(page, screenshot):
    page.goto("/accounts/login/")
    controls = page.locator(FORM_CONTROLS)
    count = controls.count()
    assert count >= 4, f"expected the login fields, the language menu and buttons; found {count}"
    unnamed = []
    for index in range(count):
        control = controls.nth(index)
        try:
            expect(control).to_have_accessible_name(re.compile(r"\S"), timeout=1_000)
        except AssertionError:
            unnamed.append(control.evaluate("el => el.outerHTML"))
    assert not unnamed, "form controls without a label or accessible name:\n" + "\n".join(unnamed)
    # The two login fields are labelled by visible <label> elements, not only aria.
    for field in ("#id_username", "#id_password"):
        label = page.locator(f"label[for={field[1:]}]")
        expect(label).to_be_visible()
        expect(label).not_to_have_text("")
    screenshot(page, "login-labels")


def test_log_in_helpers(page, trainee, log_in, log_in_as):
    """The helpers other journeys start from: a session cookie, and the form."""
    log_in_as(page, trainee.user)
    page.goto("/")
    expect(page.locator("main h1")).to_contain_text(trainee.name)

    page.context.clear_cookies()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    log_in(page, trainee.user.username)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main h1")).to_contain_text(trainee.name)
