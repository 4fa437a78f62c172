"""Who may open a certificate's print page, PDF and font (and its style sheet): the holder, their
managers, administrators and the programme's trainers (certificate_visible_to);
anyone else gets 404, visitors who are not signed in go to sign in. A GET
writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.roles import Role
from tests.factories import OrgUnitFactory, PersonFactory

from .conftest import ProgrammeFactory, print_urls

pytestmark = pytest.mark.django_db

DOORS = ["print", "pdf", "font.css", "font"]


@pytest.fixture
def people(org, certificate, manager, trainer):
    other_branch = OrgUnitFactory(name="華南分行", code="south", kind="branch", parent=org["head"])
    return {
        "holder": (certificate.person.user, 200),
        "manager in scope": (manager.user, 200),
        "manager of another branch": (
            PersonFactory(
                unit=other_branch, user__roles=[Role.MANAGER], manages=[other_branch]
            ).user,
            404,
        ),
        "other trainee": (
            PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]).user,
            404,
        ),
        "trainer of the programme": (trainer.user, 200),
        "trainer of another programme": (
            ProgrammeFactory(
                trainers=[PersonFactory(unit=org["head"], user__roles=[Role.TRAINER]).user]
            ).trainers.get(),
            404,
        ),
        "administrator": (
            PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR]).user,
            200,
        ),
    }


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    "who",
    [
        "holder",
        "manager in scope",
        "manager of another branch",
        "other trainee",
        "trainer of the programme",
        "trainer of another programme",
        "administrator",
    ],
)
def test_each_role_at_each_door(client, certificate, people, who, door):
    user, status = people[who]
    client.force_login(user)
    assert client.get(print_urls(certificate.code)[door]).status_code == status


@pytest.mark.parametrize("door", DOORS)
def test_anonymous_visitors_are_sent_to_sign_in(client, certificate, door):
    url = print_urls(certificate.code)[door]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("door", DOORS)
def test_an_unknown_code_is_404(client, certificate, door):
    client.force_login(certificate.person.user)
    assert client.get(print_urls("NOPE0000NOPE")[door]).status_code == 404


@pytest.mark.parametrize("door", DOORS)
def test_only_get_and_head(client, certificate, door):
    client.force_login(certificate.person.user)
    assert client.post(print_urls(certificate.code)[door]).status_code == 405
    assert client.head(print_urls(certificate.code)[door]).status_code == 200


@pytest.mark.parametrize("door", DOORS)
def test_a_get_writes_nothing(client, certificate, door):
    client.force_login(certificate.person.user)
    url = print_urls(certificate.code)[door]
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    writes = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}
    ]
    assert writes == []
