"""Importing business figures from CSV or XLSX through the pipeline
(/learning/results/import/): scope, located problems, all or nothing, the
template download."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from courses.models import BusinessFigure, FigureSource
from courses.selectors.results import last_month
from imports.models import ImportRun
from people.roles import Role
from tests.factories import PersonFactory

pytest_plugins = ["tests.courses.results_support"]
pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"courses:results_import:{name}", args=args)


def upload(client, text, name="figures.csv"):
    data = text if isinstance(text, bytes) else text.encode()
    return client.post(url("upload"), {"file": SimpleUploadedFile(name, data)})


def month():
    return last_month().strftime("%Y-%m")


def located(run):
    return {(p["row"], p["column"]) for p in run.problems}


def test_a_manager_imports_their_people_all_at_once(client, manager, pudong_people, measures):
    alice, bob = pudong_people
    client.force_login(manager.user)
    response = upload(
        client,
        f"employee_id,month,deposits,客戶拜訪\n"
        f'{alice.employee_id},{month()},"1,200.5",20\n'
        f"{bob.employee_id},{month()},800,\n",
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", run.pk)
    assert run.status == ImportRun.Status.PREVIEWED and run.problems == []
    assert run.total == 3 and not BusinessFigure.objects.exists(), "nothing before the confirmation"
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert preview.context["plan"] == {"create": 3, "update": 0, "unchanged": 0}
    assert '<tr data-row="2">' in preview.content.decode()
    assert client.post(url("confirm", run.pk)).status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert run.result == {"created": 3, "updated": 0, "unchanged": 0}
    saved = {(f.person_id, f.measure.code): f.value for f in BusinessFigure.objects.all()}
    assert saved == {
        (alice.pk, "deposits"): Decimal("1200.5"),
        (alice.pk, "visits"): Decimal("20"),
        (bob.pk, "deposits"): Decimal("800"),
    }
    assert {f.source for f in BusinessFigure.objects.all()} == {FigureSource.IMPORT}
    status = client.get(url("status", run.pk)).json()
    assert status["status"] == "done"


def test_an_xlsx_file_with_chinese_headers_and_date_cells(client, manager, pudong_people, measures):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["員工編號", "月份", "存款"])
    sheet.append([pudong_people[0].employee_id, last_month(), 1500])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(manager.user)
    upload(client, buffer.getvalue(), name="figures.xlsx")
    run = ImportRun.objects.get()
    assert run.problems == [] and run.total == 1
    client.post(url("confirm", run.pk))
    assert BusinessFigure.objects.get().value == Decimal("1500")


def test_every_problem_is_located_and_nothing_is_saved(
    client, manager, pudong_people, puxi_person, measures
):
    alice, bob = pudong_people
    client.force_login(manager.user)
    upload(
        client,
        "employee_id,month,deposits,visits\n"
        f"{alice.employee_id},{month()},100,10\n"  # row 2: fine
        f"{puxi_person.employee_id},{month()},100,10\n"  # row 3: another branch
        f"NOBODY,{month()},100,10\n"  # row 4: unknown
        f"{bob.employee_id},2026/13,100,10\n"  # row 5: bad month
        f"{bob.employee_id},{month()},abc,1.234\n"  # row 6: bad numbers
        f"{alice.employee_id},{month()},1,1\n"  # row 7: twice
        f"{bob.employee_id},2999-01,1,\n",  # row 8: future
    )
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED
    assert located(run) == {
        (3, "employee_id"),
        (4, "employee_id"),
        (5, "month"),
        (6, "deposits"),
        (6, "visits"),
        (7, "employee_id"),
        (8, "month"),
    }
    # Another branch's person reads as unknown: nothing about them is told.
    messages = {p["row"]: p["message"] for p in run.problems}
    assert puxi_person.employee_id in messages[3]
    assert messages[3].replace(puxi_person.employee_id, "X") == messages[4].replace("NOBODY", "X")
    page = client.get(url("detail", run.pk))
    assert page.status_code == 200 and puxi_person.name not in page.content.decode()
    assert client.post(url("confirm", run.pk)).status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.REFUSED
    assert not BusinessFigure.objects.exists()


def test_unknown_columns_and_measures_out_of_use_are_located(
    client, manager, pudong_people, measures
):
    client.force_login(manager.user)
    upload(client, f"employee_id,month,profit\n{pudong_people[0].employee_id},{month()},1\n")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED
    assert "profit" in run.problems[0]["message"]
    upload(client, f"employee_id,month,old\n{pudong_people[0].employee_id},{month()},1\n")
    run = ImportRun.objects.latest("pk")
    assert located(run) == {(1, "old")}


def test_all_or_nothing_when_the_scope_changes_before_the_apply(
    client, manager, pudong_people, org, measures
):
    """A row that was fine at the preview and no longer is refuses the whole file."""
    alice, bob = pudong_people
    client.force_login(manager.user)
    upload(
        client,
        f"employee_id,month,deposits\n{alice.employee_id},{month()},1\n{bob.employee_id},{month()},2\n",
    )
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.PREVIEWED
    bob.unit = org["puxi_team"]
    bob.save()
    client.post(url("confirm", run.pk))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert located(run) == {(3, "employee_id")}
    assert not BusinessFigure.objects.exists()


def test_corrections_through_an_import(client, manager, pudong_people, measures):
    alice = pudong_people[0]
    client.force_login(manager.user)
    upload(client, f"employee_id,month,deposits,visits\n{alice.employee_id},{month()},1,2\n")
    client.post(url("confirm", ImportRun.objects.get().pk))
    upload(client, f"employee_id,month,deposits,visits\n{alice.employee_id},{month()},5,\n")
    run = ImportRun.objects.latest("pk")
    assert run.preview["plan"] == {"create": 0, "update": 1, "unchanged": 0}
    client.post(url("confirm", run.pk))
    assert {f.measure.code: f.value for f in BusinessFigure.objects.all()} == {
        "deposits": Decimal("5"),
        "visits": Decimal("2"),  # an empty cell leaves the figure alone
    }


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER])
def test_who_manages_nobody_may_not_import(client, org, role, measures):
    person = PersonFactory(unit=org["pudong_team"], user__roles=[role])
    client.force_login(person.user)
    assert client.get(url("upload")).status_code == 404
    assert upload(client, "employee_id,month\n").status_code == 404
    assert client.get(url("template_csv")).status_code == 404
    assert client.get(url("list")).status_code == 403
    assert not ImportRun.objects.exists()


def test_a_manager_never_sees_another_managers_import(
    client, manager, puxi_manager, pudong_people, measures
):
    client.force_login(manager.user)
    upload(client, f"employee_id,month,deposits\n{pudong_people[0].employee_id},{month()},1\n")
    run = ImportRun.objects.get()
    client.force_login(puxi_manager.user)
    for name in ("detail", "status"):
        assert client.get(url(name, run.pk)).status_code == 404
    assert client.post(url("confirm", run.pk)).status_code == 404
    assert run.pk not in [r.pk for r in client.get(url("list")).context["page"]]
    assert not BusinessFigure.objects.exists()


def test_an_administrator_imports_for_anyone(client, administrator, puxi_person, measures):
    client.force_login(administrator.user)
    upload(client, f"employee_id,month,visits\n{puxi_person.employee_id},{month()},4\n")
    run = ImportRun.objects.get()
    client.post(url("confirm", run.pk))
    assert BusinessFigure.objects.get().person == puxi_person


def test_the_template_lists_only_the_uploaders_people(
    client, manager, pudong_people, puxi_person, measures
):
    client.force_login(manager.user)
    response = client.get(url("template_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "employee_id,month,deposits,visits"
    ids = {line.split(",")[0] for line in lines[1:]}
    assert ids == {manager.employee_id, *(p.employee_id for p in pudong_people)}
    assert all(line.split(",")[1] == month() for line in lines[1:])
    xlsx = client.get(url("template_xlsx"))
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0] == ("employee_id", "month", "deposits", "visits")
    assert puxi_person.employee_id not in {row[0] for row in rows}
    # The template, filled in, imports as it is.
    filled = "\n".join([lines[0], *(f"{line.split(',')[0]},{month()},1,2" for line in lines[1:])])
    upload(client, filled)
    assert ImportRun.objects.get().problems == []


def test_the_upload_page(client, manager, measures, django_assert_max_num_queries):
    client.force_login(manager.user)
    with django_assert_max_num_queries(15):
        response = client.get(url("upload"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_file">' in html and "<code>deposits</code>" in html
    assert "<code>old</code>" not in html
