import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportRun
from people.models import OrgUnit, Person
from people.roles import Role
from people.services import org_unit_move
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

GOOD = "employee_id,name,unit\nE1,王小明,總行/華東分行/浦東支行/浦東一隊\n".encode()


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


class TestRosterScreens:
    def upload(self, client, data=GOOD, name="roster.csv"):
        return client.post(
            reverse("people_roster:upload"), {"file": SimpleUploadedFile(name, data)}
        )

    def test_trainee_and_manager_are_refused(self, client, trainee, manager):
        for person in (trainee, manager):
            client.force_login(person.user)
            assert client.get(reverse("people_roster:upload")).status_code in (302, 403)

    def test_upload_preview_apply(self, client, administrator):
        client.force_login(administrator.user)
        page = client.get(reverse("people_roster:upload"))
        assert page.status_code == 200
        name_row = "<tr><td><code>name</code></td><td><code>姓名</code></td></tr>"
        assert name_row in page.content.decode()
        response = self.upload(client)
        roster_import = ImportRun.objects.get()
        assert response["Location"] == reverse("people_roster:detail", args=[roster_import.pk])
        preview = client.get(response["Location"])
        html = preview.content.decode()
        assert "王小明" in html
        assert f"編碼：{roster_import.shown_encoding}" in html
        english = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f"Encoding: {roster_import.shown_encoding}" in english
        assert not Person.objects.filter(employee_id="E1").exists()

        response = client.post(reverse("people_roster:confirm", args=[roster_import.pk]))
        assert response.status_code == 302
        assert Person.objects.filter(employee_id="E1").exists()

        changed = "employee_id,name,unit,position\nE1,王曉明,總行/華東分行/浦東支行/浦東一隊,櫃員\n"
        self.upload(client, changed.encode())
        update = ImportRun.objects.latest("pk")
        preview = reverse("people_roster:detail", args=[update.pk])
        assert "更新：姓名、職位" in client.get(preview).content.decode()
        english = client.get(preview, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "update: Name, Position" in english

    def test_changes_are_named_by_their_roster_column(self, client, administrator):
        """A changed unit is the 單位 column, not the unit_id field behind it."""
        client.force_login(administrator.user)
        self.upload(client)
        client.post(reverse("people_roster:confirm", args=[ImportRun.objects.get().pk]))
        moved = "employee_id,name,unit,hire_date\nE1,王曉明,總行/華東分行,2024-03-01\n"
        self.upload(client, moved.encode())
        preview = reverse("people_roster:detail", args=[ImportRun.objects.latest("pk").pk])
        html = client.get(preview).content.decode()
        assert "更新：姓名、單位、入職日期" in html
        english = client.get(preview, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "update: Name, Unit, Hire date" in english
        assert "unit_id" not in html + english and "hire_date" not in html + english

    def test_problems_name_their_column_by_its_label(self, client, administrator):
        client.force_login(administrator.user)
        self.upload(client, "employee_id,name,unit,hire_date\nE1,甲,火星,明天\n".encode())
        preview = reverse("people_roster:detail", args=[ImportRun.objects.get().pk])
        html = client.get(preview).content.decode()
        assert "<td>2</td><td>單位</td>" in html and "<td>2</td><td>入職日期</td>" in html
        english = client.get(preview, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "<td>2</td><td>Unit</td>" in english and "<td>2</td><td>Hire date</td>" in english

    def test_bad_file_shows_located_errors_and_cannot_be_applied(self, client, administrator):
        client.force_login(administrator.user)
        self.upload(client, "employee_id,name,unit\nE1,甲,火星\n".encode())
        roster_import = ImportRun.objects.get()
        html = client.get(reverse("people_roster:detail", args=[roster_import.pk])).content.decode()
        assert "火星" in html and "<td>2</td>" in html
        client.post(reverse("people_roster:confirm", args=[roster_import.pk]))
        assert not Person.objects.filter(employee_id="E1").exists()

    def test_apply_needs_post(self, client, administrator):
        client.force_login(administrator.user)
        self.upload(client)
        roster_import = ImportRun.objects.get()
        assert (
            client.get(reverse("people_roster:confirm", args=[roster_import.pk])).status_code == 405
        )

    def test_template_download(self, client, administrator):
        client.force_login(administrator.user)
        response = client.get(reverse("people_roster:template"))
        assert response["Content-Type"].startswith("text/csv")
        assert "employee_id" in response.content.decode("utf-8-sig")


class TestOrganisationAdmin:
    def test_administrator_adds_a_unit_under_a_parent(self, client, administrator, org):
        client.force_login(administrator.user)
        response = client.post(
            reverse("org_units:add"),
            {"name": "浦東二隊", "code": "pudong-2", "kind": "team", "parent": org["pudong"].pk},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        unit = OrgUnit.objects.get(code="pudong-2")
        assert unit.get_parent() == org["pudong"]

    def test_moving_a_unit_moves_its_subtree(self, client, administrator, org):
        client.force_login(administrator.user)
        response = client.post(
            reverse("org_units:edit", args=[org["pudong"].pk]),
            {"name": "浦東支行", "code": "pudong", "kind": "sub_branch", "parent": org["head"].pk},
        )
        assert response.status_code == 302
        team = OrgUnit.objects.get(code="pudong-1")
        assert team.get_parent().get_parent() == org["head"]

    def test_a_unit_with_members_is_not_deleted(self, client, administrator, trainee, org):
        client.force_login(administrator.user)
        client.post(reverse("org_units:delete", args=[org["pudong_team"].pk]))
        assert OrgUnit.objects.filter(pk=org["pudong_team"].pk).exists()

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("zh-hant", ["「浦東支行」仍有下級單位。", "「浦東支行」仍有成員。"]),
            ("en", ["“浦東支行” still has sub-units.", "“浦東支行” still has members."]),
        ],
    )
    def test_each_reason_to_keep_a_unit_is_its_own_message(
        self, client, administrator, manager, org, language, expected
    ):
        """Sentences are never joined with a space: Chinese puts none between them."""
        client.force_login(administrator.user)
        response = client.post(
            reverse("org_units:delete", args=[org["pudong"].pk]), HTTP_ACCEPT_LANGUAGE=language
        )
        assert OrgUnit.objects.filter(pk=org["pudong"].pk).exists()
        errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert errors == expected

    def test_manager_lists_only_their_people(self, client, manager, trainee, org):
        outsider = PersonFactory(unit=org["puxi_team"], name="局外人")
        client.force_login(manager.user)
        html = client.get(reverse("staff:index")).content.decode()
        assert trainee.name in html
        assert outsider.name not in html
        assert client.get(reverse("staff:edit", args=[outsider.pk])).status_code in (302, 403, 404)
        assert client.get(reverse("staff:history", args=[outsider.pk])).status_code == 404

    def test_administrator_sees_everyone_in_the_admin_list(self, client, administrator, org):
        outsider = PersonFactory(unit=org["puxi_team"], name="局外人")
        client.force_login(administrator.user)
        assert outsider.name in client.get(reverse("staff:index")).content.decode()
        assert client.get(reverse("staff:history", args=[outsider.pk])).status_code == 200

    def test_administrator_adds_a_person_with_a_login(self, client, administrator, org):
        client.force_login(administrator.user)
        response = client.post(
            reverse("staff:add"),
            {"employee_id": "E77", "name": "新同事", "unit": org["pudong_team"].pk},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        person = Person.objects.get(employee_id="E77")
        assert person.user.username == "E77"


def test_moving_a_unit_under_its_own_subtree_is_a_field_error(client, org):
    """Regression: the move was refused by the service inside the save, a 500."""
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.post(
        reverse("org_units:edit", args=[org["pudong"].pk]),
        {
            "name": "浦東支行",
            "code": "pudong",
            "kind": "sub_branch",
            "parent": org["pudong_team"].pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert OrgUnit.objects.get(code="pudong").get_parent() == org["branch"]


def test_clearing_a_units_parent_makes_it_top_level(client, org):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.post(
        reverse("org_units:edit", args=[org["pudong"].pk]),
        {"name": "浦東支行", "code": "pudong", "kind": "sub_branch", "parent": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OrgUnit.objects.get(code="pudong").is_root()
    assert OrgUnit.objects.get(code="pudong-1").get_parent() == org["pudong"]


def test_the_parent_field_lists_the_tree_indented_with_the_current_parent(client, org):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.get(reverse("org_units:edit", args=[org["pudong"].pk]))
    field = response.context["form"]["parent"]
    assert field.value() == org["branch"].pk
    labels = [label for _value, label in field.field.choices]
    assert labels[1:4] == ["總行", "— 華東分行", "— — 浦東支行"]


def test_the_move_service_itself_refuses_a_move_under_itself(org):
    with pytest.raises(ValidationError) as refused:
        org_unit_move(unit=org["pudong"], parent=org["pudong_team"])
    assert "parent" in refused.value.message_dict
    assert OrgUnit.objects.get(code="pudong").get_parent() == org["branch"]


def test_a_person_in_a_mentoring_pair_is_kept_with_a_message(client, administrator, org):
    from mentorship.models import Pair
    from tests.factories import mentor_make

    mentor = mentor_make(unit=org["pudong_team"], name="資深乙").person
    mentee = PersonFactory(unit=org["pudong_team"], name="新人甲")
    Pair.objects.create(mentor=mentor, mentee=mentee, status="active")
    client.force_login(administrator.user)
    response = client.post(reverse("staff:delete", args=[mentee.pk]))
    assert response.status_code == 302
    assert Person.objects.filter(pk=mentee.pk).exists()
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and "新人甲" in errors[0]
