"""Scope follows a person's role at once: a manager who loses the role or is
moved stops seeing the old team on every page a manager can open, whatever
path made the change (roster, the admin's person screen, the user's groups)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.models import RosterImport
from people.roles import GROUP_NAMES, Role
from people.roster import roster_apply, roster_preview
from quizzes.services.attempts import attempt_start
from quizzes.services.morning import morning_start
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(org):
    """Team head of 浦東支行, with a trainer role besides."""
    return PersonFactory(
        employee_id="M1",
        name="李國華",
        unit=org["pudong"],
        manages=[org["pudong"]],
        user__roles=[Role.MANAGER, Role.TRAINEE],
    )


@pytest.fixture
def member(org):
    return PersonFactory(
        employee_id="T1", name="張偉隊員", unit=org["pudong_team"], user__roles=[Role.TRAINEE]
    )


@pytest.fixture
def attempt(member):
    drill = drill_make([question_make(stem="本支行轄區有幾個社區？")])
    return attempt_start(drill=drill, person=member)


def roster(org, text):
    roster_import = roster_preview(file_name="roster.csv", data=text.encode())
    assert roster_import.status == RosterImport.Status.PREVIEWED, roster_import.errors
    roster_apply(roster_import=roster_import)


def moved_by_roster(client, org, head):
    roster(
        org, "employee_id,name,unit,manager,roles\nM1,李國華,總行/華東分行/浦西支行,no,trainee\n"
    )


def demoted_by_roster(client, org, head):
    roster(org, "employee_id,name,unit,roles\nM1,李國華,總行/華東分行/浦東支行,trainee\n")


def moved_by_roster_as_manager_elsewhere(client, org, head):
    roster(org, "employee_id,name,unit,manager\nM1,李國華,總行/華東分行/浦西支行,yes\n")


def moved_in_the_admin(client, org, head):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.post(
        reverse("staff:edit", args=[head.pk]),
        {
            "employee_id": "M1",
            "name": "李國華",
            "unit": org["puxi"].pk,
            "position": "",
            "hire_date": "",
            "grade": "",
            "guidance_type": "",
            "managed_units": [org["pudong"].pk],  # left as it was: the move ends it
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def role_removed_from_the_user(client, org, head):
    """Wagtail's user screen, the group screen or any code: the groups change."""
    head.user.groups.remove(Group.objects.get(name=GROUP_NAMES[Role.MANAGER]))


def group_loses_the_user(client, org, head):
    Group.objects.get(name=GROUP_NAMES[Role.MANAGER]).user_set.remove(head.user)


CHANGES = [
    moved_by_roster,
    demoted_by_roster,
    moved_by_roster_as_manager_elsewhere,
    moved_in_the_admin,
    role_removed_from_the_user,
    group_loses_the_user,
]


def pages(attempt):
    return {
        "my team": reverse("people:team"),
        "team mastery": reverse("quizzes:team_mastery"),
        "attempt of a team member": reverse("quizzes:attempt_detail", args=[attempt.pk]),
        "morning drill": reverse("quizzes:morning_home"),
    }


def test_before_the_change_the_manager_sees_the_team(client, org, head, member, attempt):
    client.force_login(head.user)
    for name, url in pages(attempt).items():
        response = client.get(url)
        assert response.status_code == 200, name
    assert member.name in client.get(reverse("people:team")).content.decode()


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_after_the_change_the_old_team_is_out_of_scope(client, org, head, member, attempt, change):
    change(client, org, head)
    head.refresh_from_db()
    assert org["pudong"] not in set(head.managed_units.all())
    client.force_login(head.user)
    for name, url in pages(attempt).items():
        response = client.get(url)
        if response.status_code == 200:
            html = response.content.decode()
            assert member.name not in html, name
            assert name in ("my team", "team mastery", "morning drill"), name
        else:
            assert response.status_code in (403, 404), (name, response.status_code)


def test_moved_manager_elsewhere_sees_only_the_new_team(client, org, head, member):
    newcomer = PersonFactory(name="王新人", unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    moved_by_roster_as_manager_elsewhere(client, org, head)
    assert list(head.managed_units.all()) == [org["puxi"]]
    client.force_login(head.user)
    html = client.get(reverse("people:team")).content.decode()
    assert newcomer.name in html and member.name not in html


def test_an_open_morning_session_cannot_go_on_after_demotion(client, org, head, member):
    drill = drill_make([question_make(stem="晨會題")])
    session = morning_start(unit=org["pudong_team"], led_by=head, drill=drill)
    demoted_by_roster(client, org, head)
    client.force_login(head.user)
    response = client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert response.status_code in (403, 404)


def test_giving_units_in_the_admin_makes_a_manager(client, org, member):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.post(
        reverse("staff:edit", args=[member.pk]),
        {
            "employee_id": member.employee_id,
            "name": member.name,
            "unit": member.unit_id,
            "position": "",
            "hire_date": "",
            "grade": "",
            "guidance_type": "",
            "managed_units": [org["pudong_team"].pk],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert list(member.managed_units.all()) == [org["pudong_team"]]
    assert member.user.groups.filter(name=GROUP_NAMES[Role.MANAGER]).exists()
