"""What is kept about a signed-in reader between requests (people.viewer_cache):
each change is seen on the very next request, whichever way it is made."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from people.roles import GROUP_NAMES, Role
from people.selectors import managed_units_of, person_for_user, user_roles
from people.services import managed_units_replace, org_unit_move
from people.viewer_cache import viewer_of
from tests.budgets import session_queries
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reader(client):
    """The user as the next request's authentication loads it (through the backend)."""
    from django.contrib.auth import get_user
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    return get_user(request)


def test_a_second_request_reads_the_reader_from_the_cache(trainee, django_assert_num_queries):
    client = signed_in(trainee.user)
    assert client.get(reverse("home")).status_code == 200
    # The session (none when it comes from Redis); the user and the rest from the cache.
    with django_assert_num_queries(session_queries()):
        user = reader(client)
        assert viewer_of(user) is not None
        assert person_for_user(user).pk == trainee.pk
        assert user_roles(user) == {Role.TRAINEE}
        assert managed_units_of(user) == []
        assert not user.has_perm("wagtailadmin.access_admin")


def test_a_password_changed_signs_out_the_other_sessions(trainee):
    client = signed_in(trainee.user)
    assert reader(client).is_authenticated
    user = type(trainee.user).objects.get(pk=trainee.user.pk)
    user.set_password("an-entirely-new-pass-word-7")
    user.save()
    assert not reader(client).is_authenticated


def test_a_user_deactivated_is_signed_out_on_the_next_request(trainee):
    client = signed_in(trainee.user)
    assert reader(client).is_authenticated
    type(trainee.user).objects.filter(pk=trainee.user.pk).update(is_active=False)
    assert reader(client).is_authenticated  # a bulk write without signals: the cache still holds
    from people.viewer_cache import viewers_changed

    viewers_changed()  # what the services that write in bulk call
    assert not reader(client).is_authenticated


def test_a_user_renamed_is_seen(trainee):
    client = signed_in(trainee.user)
    user = type(trainee.user).objects.get(pk=trainee.user.pk)
    user.username = "renamed-trainee"
    user.save()
    assert reader(client).get_username() == "renamed-trainee"


def test_a_role_given_is_seen_on_the_next_request(trainee, org):
    client = signed_in(trainee.user)
    assert user_roles(reader(client)) == {Role.TRAINEE}
    trainee.user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.MANAGER]))
    assert Role.MANAGER in user_roles(reader(client))


def test_a_role_given_from_the_groups_side_is_seen(trainee):
    client = signed_in(trainee.user)
    assert user_roles(reader(client)) == {Role.TRAINEE}
    Group.objects.get(name=GROUP_NAMES[Role.TRAINER]).user_set.add(trainee.user)
    assert Role.TRAINER in user_roles(reader(client))


def test_a_permission_given_to_a_group_is_seen(trainee):
    client = signed_in(trainee.user)
    assert not reader(client).has_perm("wagtailadmin.access_admin")
    group = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert reader(client).has_perm("wagtailadmin.access_admin")


def test_a_permission_given_to_the_user_is_seen(trainee):
    client = signed_in(trainee.user)
    assert not reader(client).has_perm("wagtailadmin.access_admin")
    trainee.user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert reader(client).has_perm("wagtailadmin.access_admin")


def test_a_person_renamed_is_seen(trainee):
    client = signed_in(trainee.user)
    assert person_for_user(reader(client)).name == trainee.name
    trainee.name = "改名後的學員"
    trainee.save()
    assert person_for_user(reader(client)).name == "改名後的學員"


def test_managed_units_changed_in_bulk_are_seen(manager, org):
    client = signed_in(manager.user)
    assert [u.pk for u in managed_units_of(reader(client))] == [org["pudong"].pk]
    managed_units_replace(units_by_person={manager.pk: {org["puxi"].pk}})
    assert [u.pk for u in managed_units_of(reader(client))] == [org["puxi"].pk]


def test_a_unit_moved_is_seen(manager, org):
    client = signed_in(manager.user)
    before = managed_units_of(reader(client))[0].path
    org_unit_move(unit=org["pudong"], parent=org["head"])
    after = managed_units_of(reader(client))[0].path
    assert after != before
    assert after.startswith(org["head"].path) and len(after) == len(org["head"].path) + 4


def test_a_manager_sees_the_team_once_made_manager_of_it(org, client):
    """Through the pages: a person's training record opens once they are in scope."""
    boss = PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    member = PersonFactory(unit=org["pudong_team"])
    client.force_login(boss.user)
    url = reverse("people:record", args=[member.pk])
    assert client.get(url).status_code == 404
    boss.managed_units.add(org["pudong"])
    assert client.get(url).status_code == 200


def test_the_readers_unit_renamed_or_moved_shows_on_the_home_page(trainee, org):
    from people.selectors import reader_unit_path, unit_path_names

    client = signed_in(trainee.user)
    unit = trainee.unit
    assert reader_unit_path(reader(client)) == unit_path_names(unit)
    assert " / ".join(unit_path_names(unit)) in client.get(reverse("home")).content.decode()
    unit.name = "改名後的團隊"
    unit.save()
    assert reader_unit_path(reader(client))[-1] == "改名後的團隊"
    assert "改名後的團隊" in client.get(reverse("home")).content.decode()
    org_unit_move(unit=unit, parent=org["head"])
    assert reader_unit_path(reader(client)) == [org["head"].name, "改名後的團隊"]
