"""The fact sheet pages: upload, preview, confirm; lists; who may see what."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.facts_views import CACHE_PREFIX, SESSION_KEY
from quizzes.models import FactSheet, Question
from quizzes.services.facts import fact_sheet_apply

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
        token = next(iter(client.session[SESSION_KEY]))
        assert response["Location"] == url("preview", token)
        assert FactSheet.objects.count() == 0, "nothing is saved before the confirmation"

        preview = client.get(response["Location"])
        assert preview.status_code == 200
        html = preview.content.decode()
        assert "華夏貿易" in html and "12,500,000" in html
        assert preview.context["plan"]["create"] == 5
        assert preview.context["problems"] == []

        applied = client.post(url("apply", token))
        sheet = FactSheet.objects.get()
        assert applied.status_code == 302
        assert applied["Location"] == url("sheet_detail", sheet.pk)
        assert sheet.person == trainee and sheet.facts.count() == 6
        assert Question.objects.filter(owner_person=trainee).count() == 5
        assert token not in client.session.get(SESSION_KEY, {})
        assert cache.get(CACHE_PREFIX + token) is None
        detail = client.get(applied["Location"])
        assert detail.status_code == 200
        [message] = list(detail.context["messages"])
        assert message.level_tag == "success" and "5" in message.message

    def test_an_xlsx_upload_for_a_team(self, client, manager, org, numeric_template):
        client.force_login(manager.user)
        data = xlsx_bytes(
            [
                ["客戶", "項目", "數值", "單位", "截至日期"],
                ["甲公司", "上月日均存款", 100, "元", "2024-05-31"],
            ]
        )
        file = SimpleUploadedFile("facts.xlsx", data)
        response = self.post_file(client, f"unit:{org['pudong_team'].pk}", file)
        client.post(response["Location"].rstrip("/") + "/apply/")
        sheet = FactSheet.objects.get()
        assert sheet.unit == org["pudong_team"] and sheet.facts.get().entity == "甲公司"

    def test_problems_are_shown_and_nothing_is_saved(
        self, client, manager, trainee, numeric_template
    ):
        client.force_login(manager.user)
        bad = HEADER + "甲公司,上月日均存款,一百,元,2024-05-31\n,上月日均存款,1,元,2024-05-31\n"
        response = self.post_file(client, f"person:{trainee.pk}", csv_file(bad))
        preview = client.get(response["Location"])
        assert [(p.row, p.column) for p in preview.context["problems"]] == [
            (2, "value"),
            (3, "entity"),
        ]
        html = preview.content.decode()
        assert "一百" in html and 'role="alert"' in html
        assert '<button type="submit" class="button">' not in html, "no save button"
        token = response["Location"].rstrip("/").split("/")[-1]
        applied = client.post(url("apply", token), follow=True)
        assert FactSheet.objects.count() == 0 and Question.objects.count() == 0
        assert len([m for m in applied.context["messages"] if m.level_tag == "error"]) == 3

    def test_manager_cannot_upload_for_someone_outside_their_subtree(
        self, client, manager, outsider, org
    ):
        client.force_login(manager.user)
        html = client.get(url("upload")).content.decode()
        assert f"person:{outsider.pk}" not in html
        assert f"unit:{org['puxi_team'].pk}" not in html
        for subject in (f"person:{outsider.pk}", f"unit:{org['puxi_team'].pk}", "person:999999"):
            assert self.post_file(client, subject).status_code == 404
        assert SESSION_KEY not in client.session or not client.session[SESSION_KEY]
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

    def test_a_token_is_only_good_in_its_own_session(self, client, manager, trainee):
        client.force_login(manager.user)
        response = self.post_file(client, f"person:{trainee.pk}")
        token = response["Location"].rstrip("/").split("/")[-1]
        client.logout()
        client.force_login(manager.user)
        for response in (client.get(url("preview", token)), client.post(url("apply", token))):
            assert response.status_code == 302 and response["Location"] == url("upload")
        assert FactSheet.objects.count() == 0

    def test_an_expired_preview_asks_for_the_file_again(self, client, manager, trainee):
        client.force_login(manager.user)
        location = self.post_file(client, f"person:{trainee.pk}")["Location"]
        cache.clear()
        response = client.get(location, follow=True)
        assert response.redirect_chain == [(url("upload"), 302)]
        assert [m.level_tag for m in response.context["messages"]] == ["warning"]

    def test_bytes_wait_in_the_cache_not_in_the_session(self, client, manager, trainee):
        client.force_login(manager.user)
        self.post_file(client, f"person:{trainee.pk}")
        [(token, entry)] = client.session[SESSION_KEY].items()
        assert entry == {"file_name": "facts.csv", "subject": f"person:{trainee.pk}"}
        assert cache.get(CACHE_PREFIX + token)["data"] == GOOD.encode()

    def test_scope_is_checked_again_at_confirmation(self, client, manager, trainee, org):
        client.force_login(manager.user)
        response = self.post_file(client, f"person:{trainee.pk}")
        token = response["Location"].rstrip("/").split("/")[-1]
        manager.managed_units.clear()
        assert client.post(url("apply", token)).status_code == 403
        assert FactSheet.objects.count() == 0

    def test_form_errors(self, client, manager, trainee, monkeypatch):
        client.force_login(manager.user)
        response = self.post_file(client, "", csv_file())
        assert response.status_code == 200 and response.context["form"].errors["subject"]
        response = self.post_file(client, f"person:{trainee.pk}", csv_file(name="facts.pdf"))
        assert response.context["form"].errors["file"]
        monkeypatch.setattr("quizzes.facts_views.FACTS_MAX_BYTES", 10)
        response = self.post_file(client, f"person:{trainee.pk}", csv_file())
        assert "MB" in response.context["form"].errors["file"][0]
        assert not client.session.get(SESSION_KEY)

    def test_at_most_three_uploads_wait_in_the_session(self, client, manager, trainee):
        client.force_login(manager.user)
        locations = [self.post_file(client, f"person:{trainee.pk}")["Location"] for _ in range(4)]
        assert len(client.session[SESSION_KEY]) == 3
        assert client.get(locations[0])["Location"] == url("upload")
        assert cache.get(CACHE_PREFIX + locations[0].rstrip("/").split("/")[-1]) is None
        assert client.get(locations[3]).status_code == 200

    def test_discard_forgets_the_upload(self, client, manager, trainee):
        client.force_login(manager.user)
        location = self.post_file(client, f"person:{trainee.pk}")["Location"]
        token = location.rstrip("/").split("/")[-1]
        assert client.post(url("discard", token)).status_code == 302
        assert client.get(location)["Location"] == url("upload")
        assert cache.get(CACHE_PREFIX + token) is None

    def test_template_download(self, client, manager):
        client.force_login(manager.user)
        response = client.get(url("template"))
        assert response.status_code == 200
        assert response.content.decode("utf-8-sig").startswith("entity,attribute,value,unit,as_of")

    def test_anonymous_is_sent_to_log_in(self, client):
        assert client.get(url("upload")).status_code == 302
        assert client.get(url("mine")).status_code == 302


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
        for page in (
            url("sheet_list"),
            url("sheet_detail", sheet.pk),
            url("person", trainee.pk),
            url("upload"),
        ):
            # The frame (session, user, roles, navigation) plus the page's own reads.
            with django_assert_max_num_queries(12):
                assert client.get(page).status_code == 200
        client.force_login(trainee.user)
        with django_assert_max_num_queries(10):
            assert client.get(url("mine")).status_code == 200
