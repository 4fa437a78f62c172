"""Notices in a browser: on a 390 px phone the header stays one row and keeps
the unread count in sight beside the menu's button; opening a notice from the
list marks it read and follows its link; on a desktop the count sits with the
language menu and the user's menu."""

import pytest
from django.utils.translation import gettext_lazy as _
from playwright.sync_api import expect

from notifications.services import notice_send
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ONE_ROW = 64  # px, as in test_manager_journey


@pytest.fixture
def reader(org):
    person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="張偉")
    for _n in range(2):
        notice_send(recipient=person.user, message=_("Log in"), link="/drills/")
    return person.user


def test_phone_header_is_one_row_with_the_count(page, log_in_as, reader, screenshot):
    page.set_viewport_size(PHONE)
    log_in_as(page, reader)
    page.goto("/notices/")
    assert page.locator("header.site-header").bounding_box()["height"] <= ONE_ROW
    visible = page.locator(".notice-link:visible")
    expect(visible).to_have_count(1)
    assert "2" in visible.get_attribute("aria-label")
    assert "2" in visible.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "phone")

    page.locator(".notice--unread button").first.click()
    page.wait_for_url("**/drills/")
    page.goto("/notices/")
    assert "1" in page.locator(".notice-link:visible").inner_text()
    expect(page.locator(".notice--unread")).to_have_count(1)


def test_desktop_shows_one_count_in_the_tools(page, log_in_as, reader):
    page.set_viewport_size(DESKTOP)
    log_in_as(page, reader)
    page.goto("/")
    visible = page.locator(".notice-link:visible")
    expect(visible).to_have_count(1)
    expect(page.locator(".site-tools .notice-link")).to_be_visible()
