import pytest
from django.urls import reverse

from mentorship.models import PairStatus
from mentorship.services.pairs import pair_create
from people.roles import Role
from tests.factories import PersonFactory


@pytest.fixture
def pair(manager, mentor, mentee):
    return pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)


def test_both_sides_and_the_manager_open_the_pair(client, pair, manager):
    for person in (pair.mentor, pair.mentee, manager):
        client.force_login(person.user)
        response = client.get(reverse("mentorship:pair", args=[pair.pk]))
        assert response.status_code == 200
        assert pair.mentee.name in response.content.decode()


def test_anyone_else_gets_404(client, pair, org):
    colleague = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    other_manager = PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
    )
    for person in (colleague, other_manager):
        client.force_login(person.user)
        assert client.get(reverse("mentorship:pair", args=[pair.pk])).status_code == 404


def test_the_pair_page_stays_open_to_both_after_it_ends(client, pair):
    pair.status = PairStatus.ENDED_EARLY
    pair.save()
    client.force_login(pair.mentor.user)
    assert client.get(reverse("mentorship:pair", args=[pair.pk])).status_code == 200
