"""Query budgets of the people app's admin listings and downloads ("My
team" has its own in tests/site/test_frame.py): asked at two sizes, each answers 200, stays within its budget and takes the same
number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from people.roles import Role
from tests.budgets import queries_of
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 25


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


@pytest.fixture
def staff(org):
    """`grow(count)` adds `count` teams under the branch, each with a person
    who manages it and a trainee."""
    made = []

    def grow(count):
        while len(made) < count:
            index = len(made)
            team = OrgUnitFactory(
                name=f"團隊{index}", code=f"team-{index}", kind="team", parent=org["pudong"]
            )
            PersonFactory(unit=team, user__roles=[Role.MANAGER], manages=[team])
            PersonFactory(unit=team, user__roles=[Role.TRAINEE, Role.TRAINER])
            made.append(team)
        return made

    return grow


@pytest.mark.parametrize(
    "who, url_name, budget",
    [
        ("administrator", "staff:index", 17),
        ("administrator", "org_units:index", 17),
        ("manager", "staff:index", 17),
        ("manager", "org_units:index", 17),
        ("administrator", "people_roster:template", 7),
    ],
)
def test_admin_pages(client, request, staff, who, url_name, budget, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(who).user)
    counts = []
    for size in (FEW, MANY):
        staff(size)
        counts.append(queries_of(client, reverse(url_name), budget, django_assert_max_num_queries))
    assert counts[0] == counts[1], f"{counts[0]} queries with few rows, {counts[1]} with many"
