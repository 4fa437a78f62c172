"""A reader's cache entry read from the database (people.viewer_rows): the same
answers as the ORM and ModelBackend give, in fewer statements, with what many
readers share read once per generation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people import viewer_rows
from people.auth_backends import ViewerCacheBackend
from people.roles import GROUP_NAMES, Role
from people.selectors import unit_path_names, units_managed_by
from people.viewer_cache import _viewer_read
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def entry(user, generation="g1"):
    return _viewer_read(user.pk, backend=ViewerCacheBackend(), generation=generation)


def fresh(user):
    """The user as ModelBackend reads them (no per-object permission caches)."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_reader_comes_with_their_person_unit_and_groups_as_the_orm_reads_them(trainee):
    rows = viewer_rows.reader_rows(trainee.user.pk)
    assert rows.user == trainee.user and rows.user.password == trainee.user.password
    assert rows.person.pk == trainee.pk and rows.person.name == trainee.name
    assert rows.person.unit.pk == trainee.unit.pk and rows.person.unit.path == trainee.unit.path
    assert rows.groups == tuple(trainee.user.groups.order_by("pk").values_list("pk", "name"))
    assert rows.groups  # the trainee role is a group: the comparison above compares something


def test_a_user_without_a_person_and_no_user(db):
    user = UserFactory()
    rows = viewer_rows.reader_rows(user.pk)
    assert rows.user == user and rows.person is None
    assert viewer_rows.reader_rows(user.pk + 1000) is None
    assert viewer_rows.reader_rows("not-a-number") is None  # as ModelBackend's get(pk=...)


def test_permissions_are_model_backends(trainee):
    group = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
    group.permissions.add(Permission.objects.get(codename="view_orgunit"))
    trainee.user.user_permissions.add(Permission.objects.get(codename="change_person"))
    viewer = entry(trainee.user)
    backend = ModelBackend()
    assert viewer.user_permissions == backend.get_user_permissions(fresh(trainee.user))
    assert viewer.group_permissions == backend.get_group_permissions(fresh(trainee.user))
    assert viewer.user_permissions == {"people.change_person"}
    assert "people.view_orgunit" in viewer.group_permissions


def test_an_inactive_user_has_no_permissions_and_a_superuser_every_one(trainee):
    trainee.user.user_permissions.add(Permission.objects.get(codename="change_person"))
    get_user_model().objects.filter(pk=trainee.user.pk).update(is_active=False)
    viewer = entry(trainee.user, "g2")
    assert viewer.user_permissions == viewer.group_permissions == frozenset()
    admin = UserFactory(is_superuser=True)
    viewer = entry(admin, "g3")
    assert viewer.user_permissions == ModelBackend().get_user_permissions(fresh(admin))
    assert len(viewer.user_permissions) == Permission.objects.count()


def test_units_managed_only_by_a_manager_as_units_managed_by_reads_them(manager, org):
    assert list(entry(manager.user).managed_units) == list(units_managed_by(manager.user))
    assert [unit.pk for unit in entry(manager.user).managed_units] == [org["pudong"].pk]
    # Units on file for someone without the manager role give no scope.
    someone = PersonFactory(unit=org["puxi"], user__roles=[Role.TRAINEE], manages=[org["puxi"]])
    assert entry(someone.user).managed_units == ()
    assert list(units_managed_by(someone.user)) == []


def test_the_unit_path_is_the_units_names_from_the_root(trainee):
    assert list(entry(trainee.user).unit_path) == unit_path_names(trainee.unit)
    assert entry(trainee.user).unit_path[-1] == trainee.unit.name


def test_a_trainee_is_read_in_three_statements_and_what_a_team_shares_once(trainee, org):
    Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]).permissions.add(
        Permission.objects.get(codename="view_orgunit")
    )
    teammate = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    with CaptureQueriesContext(connection) as first:
        entry(trainee.user, "g4")
    # user with person and unit, groups, own permissions; the group's
    # permissions and the unit's names, read once for the generation.
    assert len(first.captured_queries) == 5
    with CaptureQueriesContext(connection) as second:
        viewer = entry(teammate.user, "g4")
    assert len(second.captured_queries) == 3
    assert "people.view_orgunit" in viewer.group_permissions
    assert list(viewer.unit_path) == unit_path_names(org["pudong_team"])


def test_what_is_kept_is_read_again_in_a_new_generation(trainee):
    group = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
    assert "people.view_orgunit" not in entry(trainee.user, "g5").group_permissions
    group.permissions.add(Permission.objects.get(codename="view_orgunit"))
    # (The receivers start a new generation; the generations here are given.)
    assert "people.view_orgunit" not in entry(trainee.user, "g5").group_permissions
    assert "people.view_orgunit" in entry(trainee.user, "g6").group_permissions


def test_what_is_kept_is_read_again_after_an_entrys_lifetime(trainee, monkeypatch):
    names = list(entry(trainee.user, "g7").unit_path)
    type(trainee.unit).objects.filter(pk=trainee.unit.pk).update(name="再改名一隊")
    assert list(entry(trainee.user, "g7").unit_path) == names  # kept for g7
    monkeypatch.setattr("people.viewer_cache.ENTRY_SECONDS", 0)
    assert entry(trainee.user, "g7").unit_path[-1] == "再改名一隊"
