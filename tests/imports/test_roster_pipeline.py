"""The staff roster through the import pipeline: preview first, then the
apply in the background, with a query count that does not grow per row."""

import pytest
from django.urls import reverse

from imports.models import ImportRun
from imports.services import import_run_confirm, import_run_create
from people.models import Person, RosterImport
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def roster(rows: int) -> bytes:
    lines = ["employee_id,name,unit,roles"]
    lines += [f"R{i:05d},員工{i},總行,trainee" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_preview_then_apply_with_the_same_records(org):
    run = import_run_create(kind="roster", user=None, file_name="r.csv", data=roster(3))
    assert run.status == ImportRun.Status.PREVIEWED and run.total == 3
    assert run.preview == {"rows": 3, "creates": 3, "updates": 0, "unchanged": 0}
    assert Person.objects.count() == 0
    run = import_run_confirm(run=run)
    assert run.status == ImportRun.Status.DONE and run.result["creates"] == 3
    assert Person.objects.count() == 3
    roster_import = RosterImport.objects.get(pk=run.params["roster_import"])
    assert roster_import.status == RosterImport.Status.APPLIED
    # Applied once: confirming again changes nothing.
    assert import_run_confirm(run=run).status == ImportRun.Status.DONE
    assert Person.objects.count() == 3


def test_a_roster_that_no_longer_fits_fails_with_located_problems(org):
    run = import_run_create(kind="roster", user=None, file_name="r.csv", data=roster(2))
    org["head"].delete()  # the unit the rows name is gone
    run = import_run_confirm(run=run)
    assert run.status == ImportRun.Status.FAILED
    assert {(p["row"], p["column"]) for p in run.problems} == {(2, "unit"), (3, "unit")}
    assert Person.objects.count() == 0


def test_discarding_a_roster_preview_deletes_its_rows(org):
    from imports.services import import_run_discard

    run = import_run_create(kind="roster", user=None, file_name="r.csv", data=roster(2))
    import_run_discard(run=run)
    assert not ImportRun.objects.exists() and not RosterImport.objects.exists()


@pytest.mark.parametrize("rows", [100, 2000])
def test_applying_a_roster_takes_the_same_queries_for_100_and_2000_rows(
    client, org, rows, django_assert_max_num_queries
):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    run = import_run_create(
        kind="roster", user=administrator.user, file_name="r.csv", data=roster(rows)
    )
    assert run.status == ImportRun.Status.PREVIEWED
    with django_assert_max_num_queries(80):
        response = client.post(reverse("people_roster:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.reason
    assert Person.objects.count() == rows + 1


def test_a_big5_roster_read_as_gb18030_is_garbled_and_read_again_as_big5_is_not(org):
    from imports.services import import_run_repreview

    data = "employee_id,name,unit\nE1,陳大文,總行\n".encode("big5")
    run = import_run_create(kind="roster", user=None, file_name="r.csv", data=data)
    run = import_run_repreview(run=run, encoding="gb18030")
    assert run.shown_encoding == "gb18030"
    rows = RosterImport.objects.get(pk=run.params["roster_import"]).rows
    assert rows[0]["values"]["name"] != "陳大文"
    run = import_run_repreview(run=run, encoding="big5")
    assert run.status == ImportRun.Status.PREVIEWED and run.shown_encoding == "big5"
    assert RosterImport.objects.count() == 1, "the earlier preview's rows are discarded"
    run = import_run_confirm(run=run)
    assert Person.objects.get().name == "陳大文"


def test_a_roster_reader_that_takes_an_encoding_gets_the_original_bytes(org, monkeypatch):
    """Once the roster reader accepts `encoding=`, the pipeline hands it the
    uploaded bytes and the chosen encoding instead of re-encoded text."""
    import people.pipeline
    from imports.services import import_run_repreview
    from people.roster import roster_preview

    seen = []

    def reader(*, file_name, data, user=None, encoding=None):
        seen.append((data, encoding))
        text = data.decode(encoding).encode() if encoding else data
        return roster_preview(file_name=file_name, data=text, user=user)

    monkeypatch.setattr(people.pipeline, "roster_preview", reader)
    data = "employee_id,name,unit\nE1,陳大文,總行\n".encode("big5")
    run = import_run_create(kind="roster", user=None, file_name="r.csv", data=data)
    seen.clear()
    run = import_run_repreview(run=run, encoding="big5")
    assert seen == [(data, "big5")]
    assert run.status == ImportRun.Status.PREVIEWED
