"""A person's training record and "My team", which leads to it.

The record is shown to the person, to a manager whose units contain them and to
administrators; to anyone else it does not exist (404, so its existence does
not leak). Apps add its sections through frame's
`lianbing_training_record_sections` hook."""

import re

import pytest
from django.urls import reverse
from wagtail import hooks

from frame import RecordSection, training_record_sections
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org, trainee, manager):
    return {
        "self": trainee,
        "other trainee": PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]),
        "trainer": PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINER]),
        "risk expert": PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT]),
        "manager in scope": manager,
        "manager out of scope": PersonFactory(
            unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
        ),
        "administrator": PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR]),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("self", 200),
        ("other trainee", 404),
        ("trainer", 404),
        ("risk expert", 404),
        ("manager in scope", 200),
        ("manager out of scope", 404),
        ("administrator", 200),
    ],
)
def test_record_is_seen_by_the_person_their_managers_and_administrators(
    client, people, who, status
):
    trainee = people["self"]
    client.force_login(people[who].user)
    response = client.get(reverse("people:record", args=[trainee.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    if status == 200:
        assert trainee.name in response.content.decode()
        assert trainee.employee_id in response.content.decode()


def test_anonymous_is_sent_to_log_in(client, trainee):
    url = reverse("people:record", args=[trainee.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_person_is_404(client, manager):
    client.force_login(manager.user)
    assert client.get(reverse("people:record", args=[999999])).status_code == 404


def test_own_record_is_titled_mine_and_linked_from_the_profile_panel(client, trainee):
    client.force_login(trainee.user)
    url = reverse("people:record", args=[trainee.pk])
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{url}"' in home
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>My training record</h1>" in html


def test_sections_come_from_the_hook_in_order(client, trainee, manager):
    seen = []

    def extra(person, viewer):
        seen.append((person.pk, viewer.pk))
        return [RecordSection("Mentoring", "people/panels/organisation.html", {}, order=99)]

    with hooks.register_temporarily("lianbing_training_record_sections", extra):
        titles = [s.title for s in training_record_sections(trainee, manager.user)]
        client.force_login(manager.user)
        html = client.get(
            reverse("people:record", args=[trainee.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert titles[-1] == "Mentoring"
    assert (
        titles.index("Courses") < titles.index("Drill results") < titles.index("Mastery by topic")
    )
    assert seen[0] == (trainee.pk, manager.user.pk)
    headings = re.findall(r"<h2 id=\"record-section-\d+\">([^<]+)</h2>", html)
    assert headings == [
        "Courses",
        "Drill results",
        "Mastery by topic",
        "Training plans",
        "Behaviour observations",
        "Follow-up after training",
        "Mentoring",
    ]


def test_team_links_each_person_to_their_record_and_pages_by_50(client, manager, org):
    members = [PersonFactory(unit=org["pudong_team"]) for _ in range(51)]
    client.force_login(manager.user)
    first = client.get(reverse("people:team"), HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 200
    html = first.content.decode()
    links = re.findall(r'href="/people/(\d+)/record/"', html)
    assert len(links) == 50
    assert "Page 1 of 2 (51 people)" in html
    assert 'href="?page=2"' in html
    second = client.get(reverse("people:team"), {"page": 2}, HTTP_ACCEPT_LANGUAGE="en")
    assert second.status_code == 200
    links += re.findall(r'href="/people/(\d+)/record/"', second.content.decode())
    assert sorted(map(int, links)) == sorted(m.pk for m in members)
    # A page past the end or not a number shows the last or first page.
    assert client.get(reverse("people:team"), {"page": "x"}).status_code == 200


def test_record_opened_by_a_manager_leads_back_to_the_team(client, manager, trainee):
    client.force_login(manager.user)
    html = client.get(
        reverse("people:record", args=[trainee.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f'href="{reverse("people:team")}"' in html


@pytest.mark.parametrize(("few", "many"), [(5, 120)])
def test_team_query_budget(client, manager, org, few, many, django_assert_max_num_queries):
    client.force_login(manager.user)
    counts = []
    for size in (few, many):
        while PersonFactory._meta.model.objects.filter(unit=org["pudong_team"]).count() < size:
            PersonFactory(unit=org["pudong_team"])
        counts.append(queries_of(client, reverse("people:team"), 12, django_assert_max_num_queries))
    assert counts[0] == counts[1], f"{counts[0]} queries with {few} people, {counts[1]} with {many}"
