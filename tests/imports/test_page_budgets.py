"""Query budgets of the pipeline's pages (preview, status, list), each at a
few and at many rows, beside the status code."""

import pytest
from django.urls import reverse

from imports.models import ImportRun
from imports.services import import_run_create
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def roster(rows: int) -> bytes:
    lines = ["employee_id,name,unit"] + [f"E{i:05d},員工{i},總行" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("rows", [3, 300])
def test_roster_pages(client, org, rows, django_assert_max_num_queries):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    runs = [
        import_run_create(
            kind="roster", user=administrator.user, file_name=f"r{i}.csv", data=roster(rows)
        )
        for i in range(3 if rows == 3 else 30)
    ]
    run = runs[-1]
    assert run.status == ImportRun.Status.PREVIEWED and run.total == rows
    for url in (
        reverse("people_roster:detail", args=[run.pk]),
        reverse("people_roster:status", args=[run.pk]),
        reverse("people_roster:list"),
        reverse("people_roster:upload"),
    ):
        with django_assert_max_num_queries(25):
            response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("people_roster:detail", args=[run.pk])).content.decode()
    assert f"E{rows - 1:05d}" in html


@pytest.mark.parametrize("rows", [3, 300])
def test_fact_sheet_pages(client, manager, trainee, rows, django_assert_max_num_queries):
    client.force_login(manager.user)
    text = "entity,attribute,value,unit,as_of\n" + "".join(
        f"客戶{i},上月日均存款,{1000 + i},元,2024-05-31\n" for i in range(rows)
    )
    for i in range(3 if rows == 3 else 30):
        run = import_run_create(
            kind="facts",
            user=manager.user,
            file_name=f"f{i}.csv",
            data=text.encode(),
            params={"person": trainee.pk},
        )
    assert run.total == rows
    for name, args in (("detail", [run.pk]), ("status", [run.pk]), ("list", []), ("upload", [])):
        url = reverse(f"quizzes_facts:{name}", args=args)
        with django_assert_max_num_queries(20):
            response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("quizzes_facts:detail", args=[run.pk])).content.decode()
    assert f"客戶{rows - 1}" in html
