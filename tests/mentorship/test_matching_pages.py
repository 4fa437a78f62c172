"""The suggestions page: a manager runs, follows and decides; everyone else
is refused on every URL; the page's queries do not grow with its lines."""

import pytest
from django.urls import reverse

from mentorship.models import MatchingRun, MenteeNeed, Pair, SuggestionStatus
from mentorship.services.matching_runs import suggestions_run_start
from people.roles import Role
from tests.budgets import session_queries
from tests.factories import PersonFactory, TopicFactory, mentor_make

pytestmark = pytest.mark.django_db
PAGE = reverse("mentorship:suggestions")


@pytest.fixture(autouse=True)
def in_english(client):
    """The assertions read English words; the page is in the reader's language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def seeking_trainees(unit, count, *focus):
    people = []
    for _ in range(count):
        person = PersonFactory(unit=unit, user__roles=[Role.TRAINEE])
        MenteeNeed.objects.create(person=person).focus_topics.set(focus)
        people.append(person)
    return people


@pytest.fixture
def run(manager, org):
    rates = TopicFactory(name="利率")
    seeking_trainees(org["pudong_team"], 2, rates)
    mentor_make(unit=org["pudong_team"], capacity=2, strengths=[rates], name="資深乙")
    return suggestions_run_start(user=manager.user)


def test_the_manager_runs_and_sees_suggestions_with_reasons(client, manager, org):
    rates = TopicFactory(name="利率")
    seeking_trainees(org["pudong_team"], 2, rates)
    seeking_trainees(org["pudong_team"], 1)
    mentor_make(unit=org["pudong_team"], capacity=2, strengths=[rates], name="資深乙")
    client.force_login(manager.user)
    assert client.get(PAGE).status_code == 200
    response = client.post(reverse("mentorship:suggestions_run"), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "資深乙" in page and "利率" in page and "Same team" in page
    assert "The free places went to mentees with a better match" in page


def test_accept_change_reject_and_accept_all_through_the_page(client, manager, run, org):
    client.force_login(manager.user)
    first, second = run.suggestions.exclude(mentor=None).order_by("pk")
    response = client.post(reverse("mentorship:suggestion_accept", args=[first.pk]))
    assert response.status_code == 302
    assert Pair.objects.filter(mentee=first.mentee, mentor=first.mentor).exists()
    # A decided suggestion is not decided again.
    again = client.post(reverse("mentorship:suggestion_accept", args=[first.pk]))
    assert again.status_code == 404
    client.post(reverse("mentorship:suggestion_reject", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == SuggestionStatus.REJECTED
    assert client.get(reverse("mentorship:suggestion_accept", args=[second.pk])).status_code == 405


def test_change_the_mentor_through_the_page_and_a_refusal_named(client, manager, run, org):
    client.force_login(manager.user)
    line = run.suggestions.exclude(mentor=None).first()
    far = mentor_make(unit=org["puxi_team"]).person
    response = client.post(
        reverse("mentorship:suggestion_change", args=[line.pk]), {"mentor": far.pk}, follow=True
    )
    assert "Choose a mentor from the list." in response.content.decode()
    near = mentor_make(unit=org["pudong"], capacity=1).person
    client.post(reverse("mentorship:suggestion_change", args=[line.pk]), {"mentor": near.pk})
    assert Pair.objects.get(mentee=line.mentee).mentor == near


def test_accept_all_through_the_page(client, manager, run):
    client.force_login(manager.user)
    response = client.post(reverse("mentorship:suggestions_accept_all", args=[run.pk]), follow=True)
    assert response.status_code == 200 and "2 pairs made." in response.content.decode()
    assert Pair.objects.count() == 2


def test_assign_by_hand_with_the_rule_on_the_form(client, manager, org):
    [mentee] = seeking_trainees(org["pudong_team"], 1)
    head = PersonFactory(
        unit=org["pudong_team"], user__roles=[Role.MANAGER], manages=[org["pudong_team"]]
    )
    mentor_make(head)
    client.force_login(manager.user)
    response = client.post(reverse("mentorship:assign"), {"mentee": mentee.pk, "mentor": head.pk})
    assert response.status_code == 400
    assert "A mentor cannot be the mentee&#x27;s own line manager." in response.content.decode()
    mentor = mentor_make(unit=org["pudong"]).person
    response = client.post(reverse("mentorship:assign"), {"mentee": mentee.pk, "mentor": mentor.pk})
    assert response.status_code == 302
    pair = Pair.objects.get(mentee=mentee)
    assert pair.mentor == mentor and pair.assigned_by == manager.user
    assert mentee.user.notices.count() == 1


def test_progress_of_a_background_run(client, manager, settings, monkeypatch):
    monkeypatch.setattr("mentorship.services.matching_runs.async_task", lambda *a, **k: None)
    settings.MENTORSHIP_BACKGROUND_THRESHOLD = -1
    client.force_login(manager.user)
    client.post(reverse("mentorship:suggestions_run"))
    run = MatchingRun.objects.get()
    page = client.get(PAGE).content.decode()
    assert "data-run-bar" in page and 'data-run-finished="false"' in page
    MatchingRun.objects.filter(pk=run.pk).update(status="running", progress=40, stage="scoring")
    data = client.get(reverse("mentorship:suggestions_progress", args=[run.pk])).json()
    assert data["progress"] == 40 and data["status"] == "running" and not data["finished"]
    assert data["stage_label"] == "Scoring every pair and solving"
    assert "Scoring every pair and solving" in client.get(PAGE).content.decode()
    MatchingRun.objects.filter(pk=run.pk).update(status="failed", error="ValueError: bad")
    page = client.get(PAGE).content.decode()
    assert "The run failed." in page and "ValueError: bad" in page


def test_every_url_refuses_others(client, run, org):
    other_manager = PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
    )
    trainee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    line = run.suggestions.exclude(mentor=None).first()
    posts = [
        reverse("mentorship:suggestions_run"),
        reverse("mentorship:suggestions_accept_all", args=[run.pk]),
        reverse("mentorship:suggestion_accept", args=[line.pk]),
        reverse("mentorship:suggestion_change", args=[line.pk]),
        reverse("mentorship:suggestion_reject", args=[line.pk]),
        reverse("mentorship:assign"),
    ]
    gets = [PAGE, reverse("mentorship:suggestions_progress", args=[run.pk])]
    client.force_login(trainee.user)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert (
            client.post(url, {"mentor": line.mentor_id, "mentee": line.mentee_id}).status_code
            == 404
        ), url
    client.force_login(other_manager.user)
    assert client.get(PAGE).status_code == 200  # their own page, empty
    assert client.get(gets[1]).status_code == 404
    for url in posts[1:5]:
        assert client.post(url, {"mentor": line.mentor_id}).status_code == 404, url
    response = client.post(posts[5], {"mentor": line.mentor_id, "mentee": line.mentee_id})
    assert response.status_code == 400  # the choices are limited to their scope
    assert not Pair.objects.exists()
    line.refresh_from_db()
    assert line.status == SuggestionStatus.WAITING


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_queries_do_not_grow(client, manager, org, size, django_assert_num_queries):
    topics = [TopicFactory(name=f"主題{n}") for n in range(3)]
    seeking_trainees(org["pudong_team"], size, *topics)
    seeking_trainees(org["pudong"], 2)
    for n in range(size):
        mentor_make(
            unit=org["pudong"] if n % 2 else org["pudong_team"], capacity=1, strengths=topics[:2]
        )
    suggestions_run_start(user=manager.user)
    client.force_login(manager.user)
    client.get(PAGE)  # warm the session and caches
    with django_assert_num_queries(QUERIES - 1 + session_queries()):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert response.content.decode().count("mentorship-line") == size


QUERIES = 16  # with the session read from the database (the user comes from the cache)


def test_the_lines_come_in_pages(client, manager, run, monkeypatch):
    monkeypatch.setattr("mentorship.selectors.suggestion_page.LINES_PER_PAGE", 1)
    client.force_login(manager.user)
    first = client.get(PAGE).content.decode()
    second = client.get(PAGE, {"page": 2}).content.decode()
    assert first.count("mentorship-line") == 1 and second.count("mentorship-line") == 1
    assert "Page 2 of 2 (2 suggestions)" in second
    names = [line.mentee.name for line in run.suggestions.all()]
    assert all(any(name in page for page in (first, second)) for name in names)


@pytest.mark.parametrize("size", [3, 30])
def test_the_assign_page_queries_do_not_grow(client, manager, org, size, django_assert_num_queries):
    mentees = seeking_trainees(org["pudong_team"], size)
    mentors = [mentor_make(unit=org["pudong"], capacity=1).person for _ in range(size)]
    client.force_login(manager.user)
    url = reverse("mentorship:assign")
    client.get(url)
    with django_assert_num_queries(ASSIGN_QUERIES - 1 + session_queries()):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert all(f'value="{person.pk}"' in page for person in mentees + mentors)


ASSIGN_QUERIES = 3  # with the session read from the database (the user comes from the cache)


def test_the_change_list_holds_only_allowed_other_mentors(client, manager, run, org):
    line = run.suggestions.exclude(mentor=None).first()
    near = mentor_make(unit=org["pudong"], capacity=1, name="近處導師").person
    full = mentor_make(unit=org["pudong"], capacity=1, name="滿額導師").person
    Pair.objects.create(mentor=full, mentee=PersonFactory(unit=org["pudong_team"]))
    far = mentor_make(unit=org["puxi_team"], name="遠處導師").person
    client.force_login(manager.user)
    page = client.get(PAGE).content.decode()
    select = page.split(f'id="change-{line.pk}"')[1].split("</select>")[0]
    assert f'value="{near.pk}"' in select
    for excluded in (line.mentor, full, far):
        assert f'value="{excluded.pk}"' not in select
