"""Signing out of the admin takes a POST: a GET (an image on any page) leaves
the person signed in."""

import pytest
from django.urls import reverse

from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator_user(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR]).user


def test_a_get_to_the_admin_sign_out_keeps_the_person_signed_in(client, administrator_user):
    client.force_login(administrator_user)
    assert client.get(reverse("wagtailadmin_logout")).status_code == 405
    assert client.get("/admin/").status_code == 200


def test_a_post_signs_out(client, administrator_user):
    client.force_login(administrator_user)
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
