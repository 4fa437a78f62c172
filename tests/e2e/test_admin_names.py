"""The admin names things in the trade's words: as the demo administrator in
Traditional Chinese, the admin shows the site's name 練兵, a root page titled
練兵 rather than Wagtail's welcome, workflows with Chinese names, and the page
listing's type column headed 類型 (Wagtail's word), not 題型 (a question's type)."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1280, "height": 900}


def test_the_admin_names(page, log_in, screenshot):
    call_command("load_demo_data", stdout=io.StringIO())
    page.set_viewport_size(DESKTOP)
    log_in(page, "admin", "lianbing-demo", next_url="/admin/")

    # The dashboard: the site's name, in the heading and the window title.
    page.goto("/admin/")
    expect(page.locator("h1").first).to_contain_text("練兵")
    expect(page).to_have_title("控制面板 - 練兵")
    screenshot(page, "dashboard")

    # The page tree: the site's root page is 練兵, not Wagtail's welcome page.
    page.goto("/admin/pages/")
    listing = page.locator("table.listing")
    expect(listing.get_by_role("link", name="練兵", exact=True).first).to_be_visible()
    expect(page.get_by_text("Welcome to your new Wagtail site!")).to_have_count(0)
    headers = listing.locator("thead th")
    expect(headers.filter(has_text="類型")).to_have_count(1)
    expect(headers.filter(has_text="題型")).to_have_count(0)
    screenshot(page, "page-tree")

    # Inside the site: the courses and risk reviews, with the same column.
    page.goto(f"/admin/pages/{Site.objects.get(is_default_site=True).root_page_id}/")
    expect(page.locator("table.listing").get_by_text("課程").first).to_be_visible()
    expect(page.locator("table.listing thead th").filter(has_text="類型")).to_have_count(1)
    expect(page.locator("table.listing thead th").filter(has_text="題型")).to_have_count(0)

    # Workflows are named in Chinese: the workflows report offers them by name.
    page.goto("/admin/reports/workflow/")
    workflow_filter = page.get_by_label("工作流程", exact=True)
    expect(workflow_filter.locator("option", has_text="課程審核")).to_have_count(1)
    expect(workflow_filter.locator("option", has_text="風險案例解析審核")).to_have_count(1)
    screenshot(page, "workflows")
