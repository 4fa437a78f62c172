"""The manager dashboard's scope: a branch manager sees the whole branch down
the tree, a team head their team, an administrator any unit, anyone else
nothing; a unit outside one's subtrees, by the page or any export, is 404."""

import re

import pytest
from django.urls import reverse

from .dashboard_fixtures import *  # noqa: F403 (the fixture world)

pytestmark = pytest.mark.django_db

EXPORTS = [
    ("assignments", "by-person"),
    ("assignments", "totals"),
    ("followup", "tasks"),
    ("mastery", "mastery"),
    ("reviews", "reviews"),
    ("trends", "trends"),
    ("cases", "behind"),
]


def people_on(response) -> set[int]:
    html = response.content.decode()
    return {int(pk) for pk in re.findall(r'<tr data-person="(\d+)"', html)}


def get(client, user, **params):
    client.force_login(user)
    return client.get(reverse("dashboard:home"), params)


def test_a_branch_manager_sees_the_whole_branch(client, world):
    response = get(client, world["branch_manager"].user)
    assert response.status_code == 200
    seen = people_on(response)
    assert {world["trainee"].pk, world["colleague"].pk, world["puxi_person"].pk} <= seen
    assert world["south_person"].pk not in seen


def test_a_team_head_sees_their_team_only(client, world):
    response = get(client, world["team_head"].user)
    assert response.status_code == 200
    seen = people_on(response)
    assert {world["trainee"].pk, world["colleague"].pk} <= seen
    assert world["puxi_person"].pk not in seen
    assert world["sub_manager"].pk not in seen


def test_a_manager_picks_a_unit_inside_their_subtree(client, world):
    response = get(client, world["branch_manager"].user, unit=world["puxi_team"].pk)
    assert response.status_code == 200
    assert people_on(response) == {world["puxi_person"].pk}


@pytest.mark.parametrize("unit", ["south", "head", "puxi"])
def test_a_unit_outside_the_managers_subtree_is_404(client, world, unit):
    assert get(client, world["sub_manager"].user, unit=world[unit].pk).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "999999", "1.5"])
def test_a_bad_unit_parameter_is_404(client, world, bad):
    assert get(client, world["sub_manager"].user, unit=bad).status_code == 404


def test_an_administrator_sees_any_unit_and_by_default_everyone(client, world):
    response = get(client, world["admin"].user)
    assert response.status_code == 200
    assert {world["south_person"].pk, world["puxi_person"].pk} <= people_on(response)
    response = get(client, world["admin"].user, unit=world["south"].pk)
    assert response.status_code == 200
    assert people_on(response) == {world["south_person"].pk, world["south_manager"].pk}


@pytest.mark.parametrize("who", ["trainee", "trainer"])
def test_others_get_404(client, world, who):
    assert get(client, world[who].user).status_code == 404
    assert get(client, world[who].user, unit=world["pudong_team"].pk).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302


def test_the_navigation_offers_the_dashboard_to_managers_only(client, world):
    url = reverse("dashboard:home")
    client.force_login(world["team_head"].user)
    assert f'href="{url}"' in client.get("/").content.decode()
    client.force_login(world["trainee"].user)
    assert f'href="{url}"' not in client.get("/").content.decode()


def test_the_picker_offers_the_units_above_within_reach_and_below(client, world):
    response = get(client, world["branch_manager"].user, unit=world["pudong"].pk)
    links = {int(pk) for pk in re.findall(r'data-unit-link="(\d+)"', response.content.decode())}
    assert links == {world["branch"].pk, world["pudong_team"].pk}
    response = get(client, world["sub_manager"].user, unit=world["pudong_team"].pk)
    links = {int(pk) for pk in re.findall(r'data-unit-link="(\d+)"', response.content.decode())}
    assert links == {world["pudong"].pk}, "the branch above is out of the manager's reach"


@pytest.mark.parametrize("section,table", EXPORTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_another_branch_is_404(client, world, section, table, fmt):
    client.force_login(world["sub_manager"].user)
    url = reverse(f"dashboard:export_{fmt}", args=[section, table])
    for unit in ("south", "puxi_team", "branch"):
        assert client.get(url, {"unit": world[unit].pk}).status_code == 404
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("section,table", EXPORTS)
def test_an_export_holds_only_the_scope(client, world, section, table):
    from .dashboard_builders import drill_for, snapshot

    _drill, topic, _q = drill_for()
    from django.utils import timezone

    for person in (world["trainee"], world["puxi_person"], world["south_person"]):
        snapshot(person, topic, timezone.localdate(), 0.5)
    client.force_login(world["sub_manager"].user)
    text = client.get(reverse("dashboard:export_csv", args=[section, table])).content.decode()
    assert world["puxi_person"].name not in text
    assert world["south_person"].name not in text
    if section in ("assignments", "mastery", "reviews") and table != "totals":
        assert world["trainee"].name in text


def test_an_unknown_section_or_table_is_404(client, world):
    client.force_login(world["sub_manager"].user)
    assert client.get(reverse("dashboard:export_csv", args=["nope", "x"])).status_code == 404
    url = reverse("dashboard:export_csv", args=["assignments", "nope"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["trainee", "trainer"])
def test_exports_are_404_to_others(client, world, who):
    client.force_login(world[who].user)
    url = reverse("dashboard:export_csv", args=["assignments", "by-person"])
    assert client.get(url).status_code == 404


def test_a_manager_of_two_units_sees_both_and_may_pick_either(client, world):
    from people.roles import Role
    from tests.factories import PersonFactory

    both = PersonFactory(
        unit=world["puxi_team"],
        user__roles=[Role.MANAGER],
        manages=[world["puxi_team"], world["south"]],
        name="兩地主管",
    )
    response = get(client, both.user)
    assert response.status_code == 200
    seen = people_on(response)
    assert {world["puxi_person"].pk, world["south_person"].pk} <= seen
    assert world["trainee"].pk not in seen
    html = response.content.decode()
    links = {int(pk) for pk in re.findall(r'data-unit-link="(\d+)"', html)}
    assert links == {world["puxi_team"].pk, world["south"].pk}
    response = get(client, both.user, unit=world["south"].pk)
    assert people_on(response) == {world["south_person"].pk, world["south_manager"].pk}
    assert 'href="?"' in response.content.decode(), "a way back to all their units"
    assert get(client, both.user, unit=world["pudong_team"].pk).status_code == 404
