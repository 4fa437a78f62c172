"""A manager on a 390 px phone: the header is one row with its links folded
into a menu (on every page, the live drill screens too); the menu opens, its
links work; without JavaScript they are all still there. From My team the
manager opens a person's training record."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from people.roles import Role
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = {"width": 390, "height": 844}
ONE_ROW = 64  # px: the brand and the menu button side by side, 44 px targets and padding


def zh(message: str) -> str:
    with translation.override("zh-hant"):
        return translation.gettext(message)


def zh_p(context: str, message: str) -> str:
    with translation.override("zh-hant"):
        return translation.pgettext(context, message)


@pytest.fixture
def manager_and_trainee(org):
    manager = PersonFactory(
        unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]], name="李國華"
    )
    trainee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="張偉")
    return manager, trainee


def assert_fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDE["width"], f"{page.url} is {width} px wide on a {WIDE['width']} px phone"


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def test_the_header_folds_its_links_into_a_menu_on_a_phone(
    page, log_in_as, manager_and_trainee, org, screenshot, live_server
):
    manager, _trainee = manager_and_trainee
    drill = drill_make([question_make(stem="一年期定存利率是多少？")])
    drill.audience.add(org["head"])
    page.set_viewport_size(WIDE)
    log_in_as(page, manager.user)

    from quizzes.services.morning import morning_start

    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    urls = ("/", f"/drills/{drill.pk}/", f"/drills/morning/{session.pk}/", "/people/team/")
    for url in urls:
        page.goto(url)
        assert header_height(page) <= ONE_ROW, f"the header of {url} takes more than one row"
        nav = page.get_by_role("navigation", name=zh("Main navigation"))
        expect(nav.get_by_role("link", name=zh("My team"), exact=True)).to_be_hidden()
        assert_fits_phone(page)
    screenshot(page, "folded")

    toggle = page.get_by_role("button", name=zh_p("site menu", "Menu"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav = page.get_by_role("navigation", name=zh("Main navigation"))
    link = nav.get_by_role("link", name=zh("Team mastery"), exact=True)
    expect(link).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()
    screenshot(page, "open")
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(f"{live_server.url}/drills/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Team mastery"))

    # Escape closes an open menu and gives the focus back to its button.
    toggle = page.get_by_role("button", name=zh_p("site menu", "Menu"))
    toggle.click()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()


def test_without_javascript_the_links_are_still_there(
    browser, live_server, manager_and_trainee, log_in_as
):
    manager, _trainee = manager_and_trainee
    context = browser.new_context(
        viewport=WIDE, java_script_enabled=False, base_url=live_server.url, locale="zh-TW"
    )
    try:
        page = context.new_page()
        log_in_as(page, manager.user)
        page.goto("/")
        nav = page.get_by_role("navigation", name=zh("Main navigation"))
        link = nav.get_by_role("link", name=zh("My team"), exact=True)
        if not link.is_visible():
            page.locator(".site-menu-toggle, summary").filter(
                has_text=zh_p("site menu", "Menu")
            ).first.click()
        expect(link).to_be_visible()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(zh("My team"))
    finally:
        context.close()


def test_the_manager_opens_a_training_record_from_my_team(
    page, log_in_as, manager_and_trainee, screenshot, live_server
):
    manager, trainee = manager_and_trainee
    page.set_viewport_size(WIDE)
    log_in_as(page, manager.user)
    page.goto("/people/team/")
    with page.expect_navigation():
        page.get_by_role("link", name=trainee.name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/people/{trainee.pk}/record/")
    with translation.override("zh-hant"):
        title = translation.gettext("Training record of %(name)s") % {"name": trainee.name}
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    for section in ("Courses", "Drill results", "Mastery by topic"):
        expect(page.get_by_role("heading", level=2, name=zh(section), exact=True)).to_be_visible()
    assert_fits_phone(page)
    screenshot(page, "record")
    page.get_by_role("link", name=zh("Back to my team")).click()
    expect(page).to_have_url(f"{live_server.url}/people/team/")
