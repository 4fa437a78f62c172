"""The people pages and home panels read as sentences in each language."""

import pytest
from django.urls import reverse

from people.roles import Role
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_team_page_lists_the_managed_units_in_the_languages_punctuation(client, org):
    manager = PersonFactory(
        unit=org["branch"], user__roles=[Role.MANAGER], manages=[org["pudong"], org["puxi"]]
    )
    client.force_login(manager.user)
    html = client.get(reverse("people:team")).content.decode()
    assert "您管理的單位：浦東支行、浦西支行" in html
    english = client.get(reverse("people:team"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Units you manage: 浦東支行, 浦西支行" in english

    home = client.get("/").content.decode()
    assert "浦東支行、浦西支行" in home  # the team panel
    assert "浦東支行, 浦西支行" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_profile_panel_lists_roles_in_the_languages_punctuation(client, org):
    person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE, Role.TRAINER])
    client.force_login(person.user)
    assert "<dd>學員、內訓師</dd>" in client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dd>Trainee, Trainer</dd>" in english


def test_profile_panel_without_a_staff_profile_names_the_roles(client, org):
    client.force_login(UserFactory(roles=[Role.TRAINEE, Role.TRAINER]))
    assert "角色：學員、內訓師" in client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Roles: Trainee, Trainer" in english


def test_team_panel_counts_within_the_translated_sentence(client, org):
    manager = PersonFactory(unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]])
    PersonFactory(unit=org["pudong_team"])
    client.force_login(manager.user)
    assert '<span class="stat">1</span> 名下屬員工' in client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="stat">1</span> person in your care' in english

    PersonFactory(unit=org["pudong_team"])
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="stat">2</span> people in your care' in english
