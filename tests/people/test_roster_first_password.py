"""After a roster import that added people, the finished page says how they
get their first password and links to the screen where an administrator sets it."""

import pytest
from django.urls import reverse

from imports.models import ImportRun
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HINT = "no password yet"


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


def finished_run(user, creates):
    return ImportRun.objects.create(
        kind="roster",
        created_by=user,
        file_name="roster.csv",
        status=ImportRun.Status.DONE,
        total=3,
        result={"creates": creates, "updates": 3 - creates, "unchanged": 0},
    )


def detail(client, run):
    response = client.get(reverse("people_roster:detail", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_new_people_get_a_hint_and_a_link_to_set_their_password(client, administrator):
    client.force_login(administrator.user)
    html = detail(client, finished_run(administrator.user, creates=2))
    assert "2 people were added with a login named after their employee ID and " + HINT in html
    users = reverse("wagtailusers_users:index")
    assert f'<a href="{users}">Set their first passwords in Settings → Users</a>' in html
    # The screen linked to opens for an administrator.
    assert client.get(users).status_code == 200


def test_no_hint_when_nobody_was_added(client, administrator):
    client.force_login(administrator.user)
    html = detail(client, finished_run(administrator.user, creates=0))
    assert "Roster applied: 0 added" in html
    assert HINT not in html
    assert "Set their first passwords" not in html
