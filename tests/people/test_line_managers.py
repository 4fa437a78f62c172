from people.roles import Role
from people.selectors import line_managers_of
from tests.factories import PersonFactory


def test_managers_of_the_unit_and_the_units_above_it(org, trainee, manager):
    branch_head = PersonFactory(
        unit=org["branch"], user__roles=[Role.MANAGER], manages=[org["branch"]]
    )
    team_lead = PersonFactory(
        unit=org["pudong_team"], user__roles=[Role.MANAGER], manages=[org["pudong_team"]]
    )
    PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    # Units on file without the manager role give no scope.
    PersonFactory(unit=org["pudong"], user__roles=[Role.TRAINEE], manages=[org["pudong"]])
    assert set(line_managers_of(trainee)) == {manager, branch_head, team_lead}


def test_a_manager_is_not_their_own_line_manager(org, manager):
    assert list(line_managers_of(manager)) == []


def test_one_query(org, trainee, manager, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(line_managers_of(trainee)) == [manager]
