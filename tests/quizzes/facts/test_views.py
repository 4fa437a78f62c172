"""The fact sheet pages: upload, preview, confirm; lists; who may see what."""

import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from imports.models import ImportRun
from people.roles import Role
from quizzes.models import FactSheet, Question
from quizzes.services.facts import fact_sheet_apply
from tests.factories import PersonFactory

from .conftest import GOOD, HEADER, csv_bytes, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.quizzes.facts.urls")]


def url(name, *args):
    return reverse(f"quizzes_facts:{name}", args=args)


def csv_file(text=GOOD, name="facts.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def sheet_for(user, **subject):
    return fact_sheet_apply(file_name="facts.csv", data=csv_bytes(GOOD), user=user, **subject)


class TestUpload:
    def post_file(self, client, subject, file=None):
        return client.post(url("upload"), {"subject": subject, "file": file or csv_file()})

    def test_manager_uploads_previews_and_confirms(
        self, client, manager, trainee, numeric_template
    ):
        client.force_login(manager.user)
        page = client.get(url("upload"))
        assert page.status_code == 200
        html = page.content.decode()
        assert f'value="person:{trainee.pk}"' in html
        assert '<label for="id_subject">' in html and '<label for="id_file">' in html
        assert "<dt>表頭</dt>" in html
        assert "<code>entity</code>（實體）、<code>attribute</code>（項目）" in html
        english = client.get(url("upload"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "<code>entity</code> (Entity), <code>attribute</code> (Attribute)" in english

        response = self.post_file(client, f"person:{trainee.pk}")
        assert response.status_code == 302
        run = ImportRun.objects.get()
        assert response["Location"] == url("detail", run.pk)
        assert run.status == ImportRun.Status.PREVIEWED and run.total == 6
        assert run.params == {"person": trainee.pk}
        assert FactSheet.objects.count() == 0, "nothing is saved before the confirmation"
        assert Question.objects.count() == 0

        preview = client.get(response["Location"])
        assert preview.status_code == 200
        html = preview.content.decode()
        assert "華夏貿易" in html and "12,500,000" in html
        assert preview.context["plan"]["create"] == 5
        assert preview.context["problems"] == []

        applied = client.post(url("confirm", run.pk))
        assert applied.status_code == 302 and applied["Location"] == url("detail", run.pk)
        sheet = FactSheet.objects.get()
        assert sheet.person == trainee and sheet.facts.count() == 6
        assert Question.objects.filter(owner_person=trainee).count() == 5
        run.refresh_from_db()
        assert run.status == ImportRun.Status.DONE and run.result["sheet"] == sheet.pk
        assert run.result["created"] == 5
        done = client.get(applied["Location"])
        assert done.status_code == 200 and "5" in done.context["result_lines"][0]
        status = client.get(url("status", run.pk)).json()
        assert (status["status"], status["done"], status["total"]) == ("done", 6, 6)

    def test_an_xlsx_upload_for_a_team(self, client, manager, org, numeric_template):
        client.force_login(manager.user)
        data = xlsx_bytes(
            [
                ["客戶", "項目", "數值", "單位", "截至日期"],
                ["甲公司", "上月日均存款", 100, "元", "2024-05-31"],
            ]
        )
        file = SimpleUploadedFile("facts.xlsx", data)
        self.post_file(client, f"unit:{org['pudong_team'].pk}", file)
        run = ImportRun.objects.get()
        assert client.post(url("confirm", run.pk)).status_code == 302
        sheet = FactSheet.objects.get()
        assert sheet.unit == org["pudong_team"] and sheet.facts.get().entity == "甲公司"

    def test_problems_are_shown_and_nothing_is_saved(
        self, client, manager, trainee, numeric_template
    ):
        client.force_login(manager.user)
        bad = HEADER + "甲公司,上月日均存款,一百,元,2024-05-31\n,上月日均存款,1,元,2024-05-31\n"
        response = self.post_file(client, f"person:{trainee.pk}", csv_file(bad))
        preview = client.get(response["Location"])
        assert [(p["row"], p["column"]) for p in preview.context["problems"]] == [
            (2, "數值"),
            (3, "實體"),
        ]
        html = preview.content.decode()
        assert "一百" in html and 'role="alert"' in html
        run = ImportRun.objects.get()
        assert run.status == ImportRun.Status.REFUSED
        assert f'action="{url("confirm", run.pk)}"' not in html, "no save button"
        client.post(url("confirm", run.pk))
        assert FactSheet.objects.count() == 0 and Question.objects.count() == 0
        assert ImportRun.objects.get().status == ImportRun.Status.REFUSED

    def test_a_big5_sheet_shows_its_encoding_and_another_can_be_chosen(
        self, client, manager, trainee, numeric_template
    ):
        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}", csv_file(encoding="big5"))
        run = ImportRun.objects.get()
        assert run.detected_encoding == "big5" and not run.problems
        html = client.get(url("detail", run.pk), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Encoding: big5" in html and '<option value="big5">Big5</option>' in html
        client.post(url("encoding", run.pk), {"encoding": "gb18030"})
        run.refresh_from_db()
        assert run.encoding == "gb18030"
        assert "華夏貿易" not in client.get(url("detail", run.pk)).content.decode()
        client.post(url("encoding", run.pk), {"encoding": "big5"})
        assert "華夏貿易" in client.get(url("detail", run.pk)).content.decode()
        client.post(url("confirm", run.pk))
        assert FactSheet.objects.get().facts.filter(entity__startswith="華夏貿易").exists()

    def test_manager_cannot_upload_for_someone_outside_their_subtree(
        self, client, manager, outsider, org
    ):
        client.force_login(manager.user)
        html = client.get(url("upload")).content.decode()
        assert f"person:{outsider.pk}" not in html
        assert f"unit:{org['puxi_team'].pk}" not in html
        for subject in (f"person:{outsider.pk}", f"unit:{org['puxi_team'].pk}", "person:999999"):
            assert self.post_file(client, subject).status_code == 404
        assert ImportRun.objects.count() == 0
        assert FactSheet.objects.count() == 0

    def test_another_branch_manager_cannot_upload_for_the_trainee(
        self, client, other_manager, trainee
    ):
        client.force_login(other_manager.user)
        assert self.post_file(client, f"person:{trainee.pk}").status_code == 404

    def test_trainee_may_not_upload(self, client, trainee):
        client.force_login(trainee.user)
        assert client.get(url("upload")).status_code == 403
        assert self.post_file(client, f"person:{trainee.pk}").status_code == 403
        assert client.get(url("template")).status_code == 403
        assert client.get(url("list")).status_code == 403

    def test_only_the_uploader_sees_an_upload(
        self, client, manager, other_manager, trainee, teammate, org
    ):
        """Another manager, even one over the same person, a trainee, and the
        person the sheet is about do not see the upload; an administrator does."""
        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}")
        run = ImportRun.objects.get()
        second = PersonFactory(
            unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]]
        )
        for person in (other_manager, second, trainee, teammate):
            client.force_login(person.user)
            for name in ("detail", "status"):
                assert client.get(url(name, run.pk)).status_code in (403, 404)
            for name in ("confirm", "encoding", "discard", "retry"):
                assert client.post(url(name, run.pk)).status_code in (403, 404)
            listing = client.get(url("list"))
            assert listing.status_code == 403 or "facts.csv" not in listing.content.decode()
        assert ImportRun.objects.get().status == ImportRun.Status.PREVIEWED
        administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
        client.force_login(administrator.user)
        assert client.get(url("detail", run.pk)).status_code == 200

    def test_scope_is_checked_again_at_confirmation(self, client, manager, trainee, org):
        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}")
        run = ImportRun.objects.get()
        manager.managed_units.clear()
        assert client.post(url("confirm", run.pk)).status_code in (403, 404)
        assert FactSheet.objects.count() == 0

    def test_scope_lost_while_waiting_fails_the_apply(
        self, client, manager, trainee, numeric_template
    ):
        from imports.services import import_run_confirm

        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}")
        run = ImportRun.objects.get()
        manager.managed_units.clear()
        run = import_run_confirm(run=run)
        assert run.status == ImportRun.Status.FAILED
        assert "no longer" in run.problems[0]["message"] or "不再" in run.problems[0]["message"]
        assert FactSheet.objects.count() == 0

    def test_form_errors(self, client, manager, trainee, monkeypatch):
        client.force_login(manager.user)
        response = self.post_file(client, "", csv_file())
        assert response.status_code == 200 and response.context["form"].errors["subject"]
        response = self.post_file(client, f"person:{trainee.pk}", csv_file(name="facts.pdf"))
        assert response.context["form"].errors["file"]
        monkeypatch.setattr("quizzes.views.facts.FACTS_MAX_BYTES", 10)
        response = self.post_file(client, f"person:{trainee.pk}", csv_file())
        assert "MB" in response.context["form"].errors["file"][0]
        assert ImportRun.objects.count() == 0

    def test_discard_forgets_the_upload(self, client, manager, trainee):
        client.force_login(manager.user)
        location = self.post_file(client, f"person:{trainee.pk}")["Location"]
        run = ImportRun.objects.get()
        response = client.post(url("discard", run.pk))
        assert response.status_code == 302 and response["Location"] == url("upload")
        assert client.get(location).status_code == 404
        assert ImportRun.objects.count() == 0

    @pytest.mark.parametrize("rows", [3, 600])
    def test_applying_takes_the_same_queries_for_few_and_many_rows(
        self, client, manager, trainee, numeric_template, rows, django_assert_max_num_queries
    ):
        client.force_login(manager.user)
        text = HEADER + "".join(
            f"客戶{i},上月日均存款,{1000 + i},元,2024-05-31\n" for i in range(rows)
        )
        self.post_file(client, f"person:{trainee.pk}", csv_file(text))
        run = ImportRun.objects.get()
        assert run.status == ImportRun.Status.PREVIEWED, run.problems[:3]
        with django_assert_max_num_queries(60 + 6 * bulk_rounds(rows)):
            response = client.post(url("confirm", run.pk))
        assert response.status_code == 302
        run.refresh_from_db()
        assert run.status == ImportRun.Status.DONE, run.reason
        assert Question.objects.filter(owner_person=trainee, is_active=True).count() == rows
        # A new sheet: every question updated in place, none added; same budget.
        text = text.replace(",元,", "0,元,")
        self.post_file(client, f"person:{trainee.pk}", csv_file(text))
        run = ImportRun.objects.latest("pk")
        with django_assert_max_num_queries(60 + 6 * bulk_rounds(rows)):
            response = client.post(url("confirm", run.pk))
        assert response.status_code == 302
        run.refresh_from_db()
        assert run.status == ImportRun.Status.DONE and run.result["updated"] == rows
        assert Question.objects.filter(owner_person=trainee).count() == rows

    def test_template_download(self, client, manager):
        client.force_login(manager.user)
        response = client.get(url("template"))
        assert response.status_code == 200
        assert response.content.decode("utf-8-sig").startswith("entity,attribute,value,unit,as_of")

    def test_anonymous_is_sent_to_log_in(self, client, manager, trainee):
        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}")
        run = ImportRun.objects.get()
        client.logout()
        assert client.get(url("upload")).status_code == 302
        assert client.get(url("mine")).status_code == 302
        assert client.get(url("detail", run.pk)).status_code == 302
        assert client.get(url("status", run.pk)).status_code == 302
        assert client.post(url("confirm", run.pk)).status_code == 302
        assert ImportRun.objects.get().status == ImportRun.Status.PREVIEWED


def bulk_rounds(count: int) -> int:
    """Rounds of bulk writes for `count` facts or questions: one, split further
    only where the database caps the parameters of one query (SQLite: 999)."""
    fields = [f for f in Question._meta.concrete_fields if not f.primary_key]
    per_query = connection.ops.bulk_batch_size(fields, [None] * count) or count
    return math.ceil(count / per_query)


class TestReading:
    def test_trainee_sees_own_and_team_facts(
        self, client, manager, trainee, teammate, outsider, org, other_manager
    ):
        sheet_for(manager.user, person=trainee)
        sheet_for(manager.user, unit=org["pudong_team"])
        fact_sheet_apply(
            file_name="secret.csv",
            data=csv_bytes(HEADER + "機密公司,上月日均存款,1,元,2024-05-31\n"),
            person=teammate,
            user=manager.user,
        )
        fact_sheet_apply(
            file_name="other.csv",
            data=csv_bytes(HEADER + "浦西公司,上月日均存款,1,元,2024-05-31\n"),
            person=outsider,
            user=other_manager.user,
        )
        client.force_login(trainee.user)
        response = client.get(url("mine"))
        assert response.status_code == 200
        facts = list(response.context["facts"])
        assert len(facts) == 12  # six of their own, six of the team's
        html = response.content.decode()
        assert "華夏貿易" in html and "機密公司" not in html and "浦西公司" not in html

    def test_trainee_cannot_read_another_persons_facts_by_id(
        self, client, manager, trainee, teammate
    ):
        own = sheet_for(manager.user, person=trainee)
        theirs = sheet_for(manager.user, person=teammate)
        client.force_login(trainee.user)
        assert client.get(url("person", trainee.pk)).status_code == 200
        assert client.get(url("person", teammate.pk)).status_code == 404
        assert client.get(url("sheet_detail", own.pk)).status_code == 200
        assert client.get(url("sheet_detail", theirs.pk)).status_code == 404
        listed = {sheet.pk for sheet in client.get(url("sheet_list")).context["page"]}
        assert listed == {own.pk}

    def test_team_members_read_their_team_sheet(self, client, manager, teammate, outsider, org):
        team = sheet_for(manager.user, unit=org["pudong_team"])
        client.force_login(teammate.user)
        assert client.get(url("sheet_detail", team.pk)).status_code == 200
        client.force_login(outsider.user)
        assert client.get(url("sheet_detail", team.pk)).status_code == 404

    def test_manager_of_another_branch_gets_404(self, client, manager, other_manager, trainee, org):
        sheet = sheet_for(manager.user, person=trainee)
        team = sheet_for(manager.user, unit=org["pudong_team"])
        client.force_login(other_manager.user)
        assert client.get(url("person", trainee.pk)).status_code == 404
        assert client.get(url("sheet_detail", sheet.pk)).status_code == 404
        assert client.get(url("sheet_detail", team.pk)).status_code == 404
        assert list(client.get(url("sheet_list")).context["page"]) == []

    def test_manager_reads_their_peoples_facts_and_sheets(self, client, manager, trainee, org):
        old = sheet_for(manager.user, person=trainee)
        new = sheet_for(manager.user, person=trainee)
        team = sheet_for(manager.user, unit=org["pudong_team"])
        client.force_login(manager.user)
        response = client.get(url("person", trainee.pk))
        assert response.status_code == 200 and len(response.context["facts"]) == 12
        assert f"?subject=person:{trainee.pk}" in response.content.decode()
        listed = [sheet.pk for sheet in client.get(url("sheet_list")).context["page"]]
        assert listed == [team.pk, new.pk, old.pk]
        detail = client.get(url("sheet_detail", old.pk))
        assert detail.status_code == 200 and detail.context["can_upload"]

    def test_the_employee_id_is_in_the_languages_brackets(self, client, manager, trainee):
        sheet = sheet_for(manager.user, person=trainee)
        client.force_login(manager.user)
        name, employee_id = trainee.name, trainee.employee_id
        for page in (url("sheet_list"), url("sheet_detail", sheet.pk)):
            html = client.get(page).content.decode()
            assert f'{name}<span class="muted">（{employee_id}）</span>' in html
            english = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
            assert f'{name} <span class="muted">({employee_id})</span>' in english

    def test_pages_render_on_a_phone_sized_layout(self, client, manager, trainee):
        sheet_for(manager.user, person=trainee)
        client.force_login(trainee.user)
        html = client.get(url("mine")).content.decode()
        assert 'class="table-wrap"' in html and 'class="data"' in html

    @pytest.mark.parametrize("rows", [1, 6])
    def test_query_budgets_whatever_the_number_of_rows(
        self, client, manager, trainee, org, rows, django_assert_max_num_queries
    ):
        for _ in range(rows):
            sheet = sheet_for(manager.user, person=trainee)
            sheet_for(manager.user, unit=org["pudong_team"])
        client.force_login(manager.user)
        client.get(url("sheet_list"))  # the reader's cache warms up
        for page in (
            url("sheet_list"),
            url("sheet_detail", sheet.pk),
            url("person", trainee.pk),
            url("upload"),
        ):
            # The frame (session, user, roles, navigation, the header's unread count
            # until it is cached) plus the page's own reads.
            with django_assert_max_num_queries(13):
                assert client.get(page).status_code == 200
        client.force_login(trainee.user)
        # With the header's unread count and, on a first page, whether the
        # trainee takes part in mentoring (both cached afterwards).
        with django_assert_max_num_queries(12):
            assert client.get(url("mine")).status_code == 200
