"""An import being applied in the background: its page moves the progress bar
as the worker reports, without reloading, and shows the result once done.
The script is a static file (no inline script, for the Content-Security-Policy)."""

import pytest
from playwright.sync_api import expect

from imports.models import ImportRun
from imports.services import import_run_create, progress_write
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROSTER = "employee_id,name,unit\n" + "".join(f"E{i},員工{i},總行\n" for i in range(4))


def test_the_progress_bar_moves_without_a_reload(page, log_in_as, screenshot, org):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    run = import_run_create(
        kind="roster", user=administrator.user, file_name="staff.csv", data=ROSTER.encode()
    )
    assert run.total == 4
    # As a worker leaves it: confirmed, one row of four done.
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.APPLYING)
    progress_write(run.pk, 1)
    log_in_as(page, administrator.user)
    page.goto(f"/admin/people/roster/imports/{run.pk}/")
    bar = page.locator("[data-import-bar]")
    expect(bar).to_have_attribute("value", "1")
    page.evaluate("window.__notReloaded = true")

    progress_write(run.pk, 3)
    expect(page.locator("[data-import-done]")).to_have_text("3", timeout=10_000)
    expect(page.locator("[data-import-percent]")).to_have_text("75")
    assert page.evaluate("bar => bar.value", bar.element_handle()) == 3
    assert page.evaluate("window.__notReloaded") is True
    screenshot(page, "applying")

    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, done=4)
    # Once over, the page loads again and shows the result.
    expect(page.locator("[data-import-status]")).to_have_attribute(
        "data-import-status", "done", timeout=10_000
    )
    expect(bar).to_have_attribute("value", "4")
    screenshot(page, "done")
