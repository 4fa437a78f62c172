"""Access scope at its edges (people.selectors): refusals of the anonymous, one's
own record, look-ups by id, the order of a team, and what is read once per request.

Written against the mutants `make mutation` found alive in people/selectors.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from people.roles import Role
from people.selectors import (
    can_see_person,
    managed_unit_paths,
    managed_units_of,
    people_managed_by,
    people_visible_to,
    person_for_user,
    person_visible_to,
    team_members,
    user_has_role,
    user_roles,
)
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(org):
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])


def test_the_anonymous_see_nobody(trainee):
    anonymous = AnonymousUser()
    assert can_see_person(anonymous, trainee) is False
    assert person_for_user(anonymous) is None
    assert person_visible_to(anonymous, trainee.pk) is None
    assert not people_visible_to(anonymous).exists()
    assert not team_members(anonymous).exists()


def test_a_trainee_sees_their_own_record_and_no_other(trainee, outsider):
    assert can_see_person(trainee.user, trainee) is True
    assert can_see_person(trainee.user, outsider) is False
    assert person_visible_to(trainee.user, trainee.pk) == trainee
    assert person_visible_to(trainee.user, outsider.pk) is None


def test_a_manager_sees_their_subtree_by_id_and_nobody_outside(manager, trainee, outsider):
    assert can_see_person(manager.user, trainee) is True
    assert can_see_person(manager.user, outsider) is False
    assert person_visible_to(manager.user, trainee.pk) == trainee
    assert person_visible_to(manager.user, outsider.pk) is None


def test_an_administrator_sees_anyone(org, trainee, outsider):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    assert can_see_person(admin.user, outsider) is True
    assert person_visible_to(admin.user, outsider.pk) == outsider


def test_a_login_without_a_person_has_none(org):
    assert person_for_user(UserFactory()) is None


def test_a_person_is_found_from_their_login(trainee):
    assert person_for_user(trainee.user) == trainee


def test_a_person_and_their_unit_are_read_once_per_request(trainee, django_assert_num_queries):
    """One query for the person with their unit, kept on the user: a second
    call, `user.person` and the unit make none."""
    user = type(trainee.user).objects.get(pk=trainee.user_id)  # as a request has it
    with django_assert_num_queries(1):
        person = person_for_user(user)
        assert person_for_user(user) is person and user.person is person
        assert person.unit == trainee.unit and person.user is user


def test_a_login_without_a_person_is_asked_once(org, django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(1):
        assert person_for_user(user) is None
        assert person_for_user(user) is None


def test_a_team_is_listed_by_unit_then_employee_id(org, manager):
    later = PersonFactory(unit=org["pudong_team"], employee_id="E200")
    earlier = PersonFactory(unit=org["pudong_team"], employee_id="E100")
    at_sub_branch = PersonFactory(unit=org["pudong"], employee_id="E900")
    assert list(team_members(manager.user)) == [at_sub_branch, earlier, later]


def test_people_come_with_their_login_and_unit(manager, trainee, django_assert_num_queries):
    people = list(people_visible_to(manager.user))
    assert trainee in people
    with django_assert_num_queries(0):
        for person in people:
            assert person.user.username and person.unit.name
    team = list(team_members(manager.user))
    with django_assert_num_queries(0):
        assert [(p.user.username, p.unit.name) for p in team]


def test_roles_and_managed_units_are_read_once_per_user_object(manager, django_assert_num_queries):
    user = manager.user
    assert Role.MANAGER in user_roles(user)
    assert [unit.pk for unit in managed_units_of(user)] == [manager.unit.pk]
    with django_assert_num_queries(0):
        assert Role.MANAGER in user_roles(user)
        assert [unit.pk for unit in managed_units_of(user)] == [manager.unit.pk]


def test_a_scope_extension_is_asked_about_the_user(settings, trainee, org):
    colleague = PersonFactory(unit=trainee.unit, user__roles=[Role.TRAINEE])
    stranger = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    settings.PEOPLE_SCOPE_EXTENSIONS = ["tests.people.scope_extension.sees_own_unit"]
    assert set(people_visible_to(trainee.user)) == {trainee, colleague}
    assert can_see_person(trainee.user, colleague) and not can_see_person(trainee.user, stranger)


def test_roles_are_asked_one_by_one(manager, org):
    assert user_has_role(manager.user, Role.MANAGER) is True
    assert user_has_role(manager.user, Role.TRAINEE) is False
    superuser = UserFactory(is_superuser=True)
    assert Role.ADMINISTRATOR in user_roles(superuser)
    assert user_has_role(superuser, Role.ADMINISTRATOR) is True


def test_a_scope_extension_widens_what_a_user_sees_not_whom_they_manage(settings, manager, org):
    """A manager who also mentors someone outside their units may see that person
    (an extension says so) but not change them in the admin's people screens."""
    mentee = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    settings.PEOPLE_SCOPE_EXTENSIONS = ["tests.people.scope_extension.sees_puxi"]
    assert mentee in people_visible_to(manager.user)
    assert mentee not in people_managed_by(manager.user)
    assert manager in people_managed_by(manager.user)


def test_the_admin_people_screens_use_the_managed_scope(settings, client, manager, org):
    mentee = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    settings.PEOPLE_SCOPE_EXTENSIONS = ["tests.people.scope_extension.sees_puxi"]
    client.force_login(manager.user)
    assert client.get(reverse("staff:edit", args=[mentee.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("staff:history", args=[mentee.pk])).status_code == 404
    listing = client.get(reverse("staff:index"))
    assert listing.status_code == 200
    assert mentee.employee_id not in listing.content.decode()


def test_managed_unit_paths_need_the_manager_role(manager, trainee, org):
    former = PersonFactory(unit=org["puxi"], user__roles=[Role.TRAINEE], manages=[org["puxi"]])
    paths = managed_unit_paths([manager.pk, trainee.pk, former.pk])
    assert paths == {manager.pk: [org["pudong"].path]}
