"""The business results pages on a phone, checked by axe-core like the other
pages (tests/e2e/test_accessibility.py): the entry grid, with located errors,
the import upload, a refused and a previewed import, and the figures on a
training record."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from courses.models import BusinessMeasure
from courses.selectors.results import last_month
from courses.services.results import FigureEntry, figures_save
from imports.services import import_run_create
from people.roles import Role
from tests.e2e.test_accessibility import axe, open_as  # noqa: F401  (fixtures)
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_business_results_pages_on_a_phone(open_as, axe, org, manager):  # noqa: F811
    deposits = BusinessMeasure.objects.create(name="存款", code="deposits", unit_label="萬元")
    BusinessMeasure.objects.create(name="客戶拜訪", code="visits", unit_label="次")
    people = [
        PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name=f"客戶經理{n}")
        for n in range(3)
    ]
    figures_save(
        by=manager.user,
        entries=[FigureEntry(people[0].pk, deposits.pk, last_month(), Decimal("1200"))],
    )
    page = open_as(manager.user)
    axe.visit(page, "/learning/results/", "business results entry")
    cell = page.locator(f"#id_f-{people[1].pk}-{deposits.pk}")
    cell.fill("十二")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "business results entry with an error")

    axe.visit(page, "/learning/results/import/", "business figures upload")
    month = last_month().strftime("%Y-%m")
    refused = import_run_create(
        kind="business_figures",
        user=manager.user,
        file_name="bad.csv",
        data=f"employee_id,month,deposits\n{people[0].employee_id},{month},abc\n".encode(),
    )
    previewed = import_run_create(
        kind="business_figures",
        user=manager.user,
        file_name="good.csv",
        data=f"employee_id,month,deposits\n{people[1].employee_id},{month},800\n".encode(),
    )
    axe.visit(page, f"/learning/results/import/imports/{refused.pk}/", "figures import refused")
    axe.visit(page, f"/learning/results/import/imports/{previewed.pk}/", "figures import previewed")
    axe.visit(page, f"/people/{people[0].pk}/record/", "a training record with figures")
    axe.assert_clean()
