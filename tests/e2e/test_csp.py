"""In a real browser, the main pages and Wagtail's page editor run under their
Content-Security-Policy without a single violation, and their scripts work."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from courses.services import lesson_complete
from tests.site.test_csp import build_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(org, trainee, manager):
    return build_pages(org)


# Playwright's own init scripts are exempt from the page's policy: this one
# records every violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def watch(page):
    page.add_init_script(RECORD_VIOLATIONS)
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def visit(page, url, console):
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    assert "content-security-policy" in response.headers, url  # Playwright lower-cases names
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{url}: {violations}"
    assert console == [], f"{url}: {console}"


def test_trainee_pages_run_without_violations(page, world, trainee, log_in_as):
    console = watch(page)
    log_in_as(page, trainee.user)
    for url in [
        "/",
        "/drills/",
        world["catalogue"],
        world["course"],
        world["lesson"],
        world["case"],
        world["review"],
        "/search/?q=客戶",
        "/drills/facts/",
        "/api/docs",
    ]:
        visit(page, url, console)
    # Scripts still run: the course's progress bar takes its width from its data.
    lesson_complete(person=trainee, page=Page.objects.get(url_path__endswith="/lesson-1/"))
    visit(page, world["course"], console)
    percent = page.get_by_role("progressbar").get_attribute("aria-valuenow")
    assert percent not in (None, "0")
    expect(page.locator(".progress__bar")).to_have_attribute("style", f"width: {percent}%;")
    # The drill page's script starts an attempt through the API and shows a question.
    visit(page, world["drill"], console)
    expect(page.get_by_text("題0")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


def test_login_and_manager_pages_run_without_violations(page, world, manager, log_in):
    console = watch(page)
    visit(page, "/accounts/login/", console)
    log_in(page, manager.user.username)
    for url in ["/", "/drills/morning/", "/drills/team/", "/people/team/"]:
        visit(page, url, console)


def test_wagtail_page_editor_works_under_the_admin_policy(
    page, world, django_user_model, log_in_as
):
    admin = django_user_model.objects.create_superuser("boss", password="x")
    console = watch(page)
    log_in_as(page, admin)
    lesson = Page.objects.get(url_path__endswith="/lesson-1/")
    visit(page, "/admin/", console)
    visit(page, f"/admin/pages/{lesson.pk}/edit/", console)
    # The StreamField is drawn by the admin's scripts: its blocks are there.
    expect(
        page.locator("[data-contentpath='body'] [data-streamfield-child]").first
    ).to_be_attached()
    assert page.evaluate("window.__cspViolations") == []


def test_the_manager_dashboard_runs_without_violations(page, world, manager, trainee, log_in):
    """Its SVG charts (a heatmap among them) take no inline style or script."""
    from django.utils import timezone

    from tests.factories import TopicFactory
    from tests.site.dashboard_builders import snapshot

    snapshot(trainee, TopicFactory(name="利率"), timezone.localdate(), 0.5)
    console = watch(page)
    log_in(page, manager.user.username)
    visit(page, "/dashboard/", console)
    expect(page.locator("svg#mastery-heatmap")).to_have_count(1)
