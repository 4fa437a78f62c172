"""The mentoring hub, the mentor profile and nomination pages, a manager's
people and a mentee's needs: who may open them, what a POST does, located
errors, and the query budgets."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from frame import home_panels_for, navigation_for
from mentorship.models import MenteeNeed, MentorProfile, MentorStatus
from mentorship.services.pairs import pair_create
from mentorship.services.profiles import mentor_nominate
from notifications.models import Notice
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory, TopicFactory, mentor_make
from tests.mentorship.profile_helpers import measured

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def senior(org):
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="資深丙")


@pytest.fixture
def outsider(org):
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE], name="浦西丁")


def mentoring_in_nav(user) -> bool:
    return any(str(item.url) == reverse("mentorship:home") for item in navigation_for(user))


def test_navigation_is_for_managers_mentors_and_mentees_only(manager, mentor, mentee, trainee):
    pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    for person in (manager, mentor, mentee):
        assert mentoring_in_nav(person.user), person.name
    assert not mentoring_in_nav(trainee.user)


def test_a_nominee_sees_the_navigation_and_a_home_panel(manager, senior):
    assert not mentoring_in_nav(senior.user)
    assert not [p for p in home_panels_for(senior.user) if "mentorship" in p.template]
    mentor_nominate(person=senior, by_user=manager.user)
    user = get_user_model().objects.get(pk=senior.user_id)  # a new request's user
    assert mentoring_in_nav(user)
    assert [p for p in home_panels_for(user) if "mentorship" in p.template]


def test_a_trainee_offers_to_mentor(client, senior):
    client.force_login(senior.user)
    response = client.get(reverse("mentorship:home"), **EN)
    assert response.status_code == 200 and "Offer to mentor" in response.content.decode()
    topic = TopicFactory(name="存款", code="deposits")
    response = client.post(
        reverse("mentorship:profile"), {"capacity": "3", "strengths": [topic.pk]}
    )
    assert response.status_code == 302
    profile = MentorProfile.objects.get(person=senior)
    assert profile.status == MentorStatus.ACTIVE and profile.capacity == 3


def test_a_bad_capacity_is_answered_on_its_field(client, senior):
    client.force_login(senior.user)
    response = client.post(reverse("mentorship:profile"), {"capacity": "0"}, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"]
    assert not MentorProfile.objects.exists()


def test_the_hub_shows_strengths_with_mastery_the_flag_and_years(client, org):
    topics = [
        TopicFactory(name=n, code=c) for n, c in (("利率", "r"), ("貸款", "l"), ("外匯", "f"))
    ]
    profile = mentor_make(unit=org["pudong_team"], strengths=topics, hire_date="2015-01-01")
    measured(profile.person, topics[0], strong=True)
    measured(profile.person, topics[1], strong=False)
    client.force_login(profile.person.user)
    page = client.get(reverse("mentorship:home"), **EN).content.decode()
    assert "measured mastery 100%" in page
    assert page.count("the drills do not bear this out yet") == 1
    assert "no drill evidence yet" in page
    assert "Years of service" in page


def test_a_nominee_declines_with_a_reason_and_the_manager_hears(client, manager, senior):
    mentor_nominate(person=senior, by_user=manager.user)
    client.force_login(senior.user)
    url = reverse("mentorship:nomination_answer")
    response = client.post(url, {"answer": "decline", "reason": ""}, **EN)
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, {"answer": "decline", "reason": "要照顧家人"})
    assert response.status_code == 302
    assert MentorProfile.objects.get(person=senior).status == MentorStatus.DECLINED
    assert "要照顧家人" in Notice.objects.get(recipient=manager.user).text
    assert client.get(url).status_code == 404  # answered: nothing waits


def test_a_manager_nominates_in_scope_and_gets_404_out_of_it(client, manager, senior, outsider):
    client.force_login(manager.user)
    url = reverse("mentorship:nominate", args=[senior.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"capacity": "2"}).status_code == 302
    assert MentorProfile.objects.get(person=senior).status == MentorStatus.NOMINATED
    again = client.post(url, {"capacity": "2"}, **EN)
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    outside = reverse("mentorship:nominate", args=[outsider.pk])
    assert client.get(outside).status_code == 404
    assert client.post(outside, {"capacity": "2"}).status_code == 404
    assert not MentorProfile.objects.filter(person=outsider).exists()


def test_a_trainee_nominates_nobody(client, trainee, senior):
    client.force_login(trainee.user)
    url = reverse("mentorship:nominate", args=[senior.pk])
    assert client.post(url, {"capacity": "2"}).status_code == 404
    assert client.get(reverse("mentorship:people")).status_code == 404


def test_a_manager_sets_a_mentees_needs_and_guidance_type(client, manager, trainee, outsider):
    topic = TopicFactory(name="基金", code="funds")
    client.force_login(manager.user)
    url = reverse("mentorship:mentee_need", args=[trainee.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "seeking": "on",
            "guidance_type": "lacks_drive",
            "focus_topics": [topic.pk],
            "manager_note": "需要多鼓勵",
        },
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.guidance_type == "lacks_drive"
    need = MenteeNeed.objects.get(person=trainee)
    assert need.seeking and need.manager_note == "需要多鼓勵"
    bad = client.post(url, {"guidance_type": "lazy"})
    assert bad.status_code == 200 and bad.context["form"].errors["guidance_type"]
    outside = reverse("mentorship:mentee_need", args=[outsider.pk])
    assert client.post(outside, {"guidance_type": "complacent"}).status_code == 404
    outsider.refresh_from_db()
    assert outsider.guidance_type == ""


def test_a_mentor_steps_back_only_without_open_pairs(client, manager, mentor, mentee):
    pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    client.force_login(mentor.user)
    response = client.post(reverse("mentorship:step_back"))
    assert response.status_code == 302
    assert MentorProfile.objects.get(person=mentor).status == MentorStatus.ACTIVE
    assert client.get(reverse("mentorship:step_back")).status_code == 405  # no GET writes


def test_the_training_record_has_a_mentoring_section(client, manager, mentor, mentee):
    pair = pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    client.force_login(manager.user)
    response = client.get(reverse("people:record", args=[mentor.pk]), **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mentoring" in page and mentee.name in page
    assert reverse("mentorship:pair", args=[pair.pk]) in page


# --- query budgets ------------------------------------------------------------------

# The frame (session, user, roles, every app's navigation) and the page's own reads.
PEOPLE_BUDGET = 16
HUB_BUDGET = 17


def _mentoring_team(org, manager, count):
    topics = [TopicFactory(name=f"題目{n}", code=f"t{n}") for n in range(3)]
    for n in range(count):
        person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
        measured(person, topics[n % 3], strong=False)
        if n % 2:
            mentor_make(person, strengths=topics)
        else:
            need = MenteeNeed.objects.create(person=person)
            need.focus_topics.set(topics[:2])
    return topics


@pytest.mark.parametrize("count", [2, 30])
def test_people_page_budget(client, org, manager, count, django_assert_max_num_queries):
    _mentoring_team(org, manager, count)
    client.force_login(manager.user)
    queries_of(client, reverse("mentorship:people"), PEOPLE_BUDGET, django_assert_max_num_queries)


def test_people_page_costs_the_same_at_two_sizes(
    client, org, manager, django_assert_max_num_queries
):
    _mentoring_team(org, manager, 2)
    client.force_login(manager.user)
    url = reverse("mentorship:people")
    few = queries_of(client, url, PEOPLE_BUDGET, django_assert_max_num_queries)
    _mentoring_team_more(org, 24)
    many = queries_of(client, url, PEOPLE_BUDGET, django_assert_max_num_queries)
    assert few == many


def _mentoring_team_more(org, count):
    topic = TopicFactory(name="加題", code="more")
    for n in range(count):
        person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
        measured(person, topic, strong=bool(n % 2))
        if n % 3:
            mentor_make(person, strengths=[topic])
        else:
            MenteeNeed.objects.create(person=person)


def test_hub_costs_the_same_with_few_and_many_pairs_and_strengths(
    client, org, manager, django_assert_max_num_queries
):
    profile = mentor_make(unit=org["pudong_team"], capacity=6, strengths=[])
    client.force_login(profile.person.user)
    url = reverse("mentorship:home")
    few = queries_of(client, url, HUB_BUDGET, django_assert_max_num_queries)
    topics = [TopicFactory(name=f"強項{n}", code=f"s{n}") for n in range(5)]
    profile.strengths.set(topics)
    for topic in topics:
        measured(profile.person, topic, strong=True)
    for _ in range(4):
        mentee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
        pair_create(mentor=profile.person, mentee=mentee, by_user=manager.user)
    many = queries_of(client, url, HUB_BUDGET, django_assert_max_num_queries)
    assert few == many
