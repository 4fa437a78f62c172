"""The hub leads each role to the mentoring pages it may use, and the
navigation shows Mentoring to trainers too (they mark 優秀導師 from the ranking)."""

import pytest
from django.urls import reverse

from frame import navigation_for
from people.roles import Role
from tests.factories import PersonFactory


def hub_links(client, person) -> set[str]:
    client.force_login(person.user)
    response = client.get(reverse("mentorship:home"))
    assert response.status_code == 200
    html = response.content.decode()
    names = ("suggestions", "assign", "report", "ranking", "people")
    return {name for name in names if f'href="{reverse("mentorship:" + name)}"' in html}


def test_a_manager_is_led_to_suggestions_assignment_and_the_report(client, manager):
    assert hub_links(client, manager) == {"suggestions", "assign", "report", "people"}


def test_a_trainer_is_led_to_the_ranking_only(client, org):
    trainer = PersonFactory(unit=org["branch"], user__roles=[Role.TRAINER])
    assert hub_links(client, trainer) == {"ranking"}


def test_a_mentee_sees_none_of_the_managers_pages(client, mentee, manager, mentor):
    from mentorship.services.pairs import pair_create

    pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    assert hub_links(client, mentee) == set()


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.TRAINER, True), (Role.RISK_EXPERT, False), (Role.TRAINEE, False)]
)
def test_the_navigation_shows_mentoring_to_trainers(org, role, shown):
    person = PersonFactory(unit=org["branch"], user__roles=[role])
    urls = [item.url for item in navigation_for(person.user)]
    assert (reverse("mentorship:home") in urls) is shown
