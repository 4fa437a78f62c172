"""The roster changes only what it carries (issue: a file without grade or
guidance type emptied them; a blank roles cell made a trainer a trainee)."""

import pytest
from django.urls import reverse
from django.utils import translation

from imports.services import import_run_create
from people.models import Person, RosterImport
from people.roles import GROUP_NAMES, Role
from people.roster import change_text, roster_apply, roster_preview
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def preview(text):
    return roster_preview(file_name="roster.csv", data=text.encode("utf-8"))


def apply(text):
    roster_import = preview(text)
    assert roster_import.status == RosterImport.Status.PREVIEWED, roster_import.errors
    roster_apply(roster_import=roster_import)
    return roster_import


def groups_of(person):
    return {
        role for role, name in GROUP_NAMES.items() if person.user.groups.filter(name=name).exists()
    }


@pytest.fixture
def trainer(org):
    person = PersonFactory(
        employee_id="T1",
        name="吳建平",
        unit=org["pudong_team"],
        position="內訓師",
        grade="senior",
        guidance_type="high_performer",
        user__roles=[Role.TRAINER, Role.ADMINISTRATOR],
        user__email="wu@example.com",
    )
    return person


def test_missing_columns_leave_fields_as_they_are(org, trainer):
    apply("employee_id,name,unit\nT1,吳建平,總行/華東分行/浦東支行/浦東一隊\n")
    trainer.refresh_from_db()
    assert (trainer.position, trainer.grade, trainer.guidance_type) == (
        "內訓師",
        "senior",
        "high_performer",
    )
    assert groups_of(trainer) == {Role.TRAINER, Role.ADMINISTRATOR}
    assert trainer.user.email == "wu@example.com"


def test_blank_cells_in_present_columns_change_nothing(org, trainer):
    text = (
        "employee_id,name,unit,position,hire_date,manager,roles,email,grade,guidance_type\n"
        "T1,吳建平,總行/華東分行/浦東支行/浦東一隊,,,,,,,\n"
    )
    roster_import = apply(text)
    assert roster_import.summary["plan"][0]["action"] == "unchanged"
    trainer.refresh_from_db()
    assert (trainer.position, trainer.grade, trainer.guidance_type) == (
        "內訓師",
        "senior",
        "high_performer",
    )
    assert groups_of(trainer) == {Role.TRAINER, Role.ADMINISTRATOR}


def test_blank_required_cells_are_errors(org, trainer):
    roster_import = preview("employee_id,name,unit\nT1,,總行\n")
    assert [(e["row"], e["column"]) for e in roster_import.errors] == [(2, "name")]


def test_a_new_person_without_roles_is_a_trainee(org):
    apply("employee_id,name,unit,roles\nN1,新人,總行,\n")
    assert groups_of(Person.objects.get(employee_id="N1")) == {Role.TRAINEE}


def test_preview_lists_every_change_of_role_grade_and_unit(org, trainer):
    text = "employee_id,name,unit,roles,grade\nT1,吳建平,總行/華東分行/浦西支行,trainee,principal\n"
    roster_import = preview(text)
    [row] = roster_import.summary["plan"]
    assert row["action"] == "update"
    details = {d["column"]: (d["before"], d["after"]) for d in row["details"]}
    assert details == {
        "unit": ("總行/華東分行/浦東支行/浦東一隊", "總行/華東分行/浦西支行"),
        "grade": ("senior", "principal"),
        "roles": (["administrator", "trainer"], ["trainee"]),
    }
    with translation.override("en"):
        assert [change_text(d) for d in row["details"]] == [
            "Unit: 總行/華東分行/浦東支行/浦東一隊 → 總行/華東分行/浦西支行",
            "Grade: Senior customer manager → Principal customer manager",
            "Roles: Trainer, Administrator → Trainee",
        ]
    trainer.refresh_from_db()
    assert trainer.unit == org["pudong_team"], "a preview writes nothing"


def test_preview_page_shows_the_changes(client, org, trainer):
    admin = PersonFactory(unit=org["head"], user__is_superuser=True)
    client.force_login(admin.user)
    text = "employee_id,name,unit,roles\nT1,吳建平,總行/華東分行/浦西支行,trainee\n"
    run = import_run_create(
        kind="roster", user=admin.user, file_name="roster.csv", data=text.encode()
    )
    page = client.get(reverse("people_roster:detail", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Unit: 總行/華東分行/浦東支行/浦東一隊 → 總行/華東分行/浦西支行" in html
    assert "Roles: Trainer, Administrator → Trainee" in html


def test_manager_column_blank_keeps_managing(org):
    head = PersonFactory(
        employee_id="M1",
        unit=org["pudong"],
        manages=[org["pudong"], org["puxi"]],
        user__roles=[Role.MANAGER],
    )
    apply("employee_id,name,unit,manager\nM1,李國華,總行/華東分行/浦東支行,\n")
    assert set(head.managed_units.all()) == {org["pudong"], org["puxi"]}
    apply("employee_id,name,unit,manager\nM1,李國華,總行/華東分行/浦東支行,no\n")
    assert set(head.managed_units.all()) == {org["puxi"]}
