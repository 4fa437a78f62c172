import pytest

from people.roles import Role
from people.selectors import (
    can_see_person,
    people_visible_to,
    person_visible_to,
    team_members,
    unit_by_path_index,
    units_visible_to,
    user_roles,
)
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def others(org):
    return {
        "pudong_peer": PersonFactory(unit=org["pudong_team"]),
        "puxi_person": PersonFactory(unit=org["puxi_team"]),
        "branch_person": PersonFactory(unit=org["branch"]),
    }


def test_trainee_sees_only_themself(trainee, others):
    assert list(people_visible_to(trainee.user)) == [trainee]
    assert not can_see_person(trainee.user, others["pudong_peer"])
    assert person_visible_to(trainee.user, others["pudong_peer"].pk) is None


def test_manager_sees_whole_subtree_and_nothing_outside(manager, trainee, others):
    visible = set(people_visible_to(manager.user))
    assert visible == {manager, trainee, others["pudong_peer"]}
    assert not can_see_person(manager.user, others["puxi_person"])
    assert not can_see_person(manager.user, others["branch_person"])
    assert set(team_members(manager.user)) == {trainee, others["pudong_peer"]}


def test_branch_manager_sees_every_sub_branch(org, others, trainee):
    head = PersonFactory(unit=org["branch"], manages=[org["branch"]], user__roles=[Role.MANAGER])
    visible = set(people_visible_to(head.user))
    assert {trainee, others["puxi_person"], others["branch_person"], head} <= visible
    assert set(units_visible_to(head.user)) == {
        org["branch"],
        org["pudong"],
        org["puxi"],
        org["pudong_team"],
        org["puxi_team"],
    }


def test_administrator_and_superuser_see_everyone(org, trainee, others):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    superuser = UserFactory(is_superuser=True)
    everyone = 1 + len(others)
    assert people_visible_to(admin).count() == everyone
    assert people_visible_to(superuser).count() == everyone


def test_user_without_profile_sees_nobody(org, trainee):
    user = UserFactory()
    assert people_visible_to(user).count() == 0
    assert list(units_visible_to(user)) == []


def test_roles_come_from_groups(trainee, manager):
    assert user_roles(trainee.user) == {Role.TRAINEE}
    assert user_roles(manager.user) == {Role.MANAGER}


def test_scope_extension_widens_visibility(settings, trainee, others):
    settings.PEOPLE_SCOPE_EXTENSIONS = ["tests.people.scope_extension.sees_puxi"]
    assert set(people_visible_to(trainee.user)) == {trainee, others["puxi_person"]}


def test_visibility_query_count_does_not_grow(django_assert_max_num_queries, manager, org):
    for _ in range(20):
        PersonFactory(unit=org["pudong_team"])
    # Managed units, the manager's person and whether they take part in
    # mentoring (each read once, then kept), the people.
    with django_assert_max_num_queries(5):
        list(people_visible_to(manager.user))


def test_unit_path_index(org):
    index = unit_by_path_index()
    assert index["總行/華東分行/浦東支行/浦東一隊"] == org["pudong_team"]
    assert index["總行"] == org["head"]


def test_holds_role_keeps_the_role_holders_among_the_people_given(org, trainee, manager, others):
    from people.models import Person
    from people.selectors import holds_role

    given = Person.objects.filter(pk__in=[trainee.pk, manager.pk, others["pudong_peer"].pk])
    assert list(given.filter(holds_role(Role.TRAINEE))) == [trainee]
    assert list(given.filter(holds_role(Role.MANAGER))) == [manager]
    # Correlated on each person, not a join from the group: the database starts
    # from the people given, however many hold the role in the organisation.
    sql = str(given.filter(holds_role(Role.TRAINEE)).query).upper()
    assert "EXISTS" in sql and "JOIN" in sql.split("EXISTS", 1)[1]
    assert "JOIN" not in sql.split("EXISTS", 1)[0]
