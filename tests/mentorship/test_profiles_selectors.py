"""What the drills measured beside a mentor's claims and a mentee's needs."""

from datetime import date

import pytest

from mentorship.models import MenteeNeed
from mentorship.selectors.profiles import (
    mentee_needs_for,
    mentor_profile_of,
    mentor_profile_view,
    years_of_service,
)
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory, mentor_make
from tests.mentorship.profile_helpers import measured

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(db):
    return {
        code: TopicFactory(name=name, code=code)
        for code, name in (
            ("rates", "利率"),
            ("loans", "貸款"),
            ("cards", "信用卡"),
            ("fx", "外匯"),
        )
    }


def test_each_strength_shows_measured_mastery_and_a_contradiction_is_flagged(org, topics):
    profile = mentor_make(
        unit=org["pudong_team"], strengths=[topics["rates"], topics["loans"], topics["cards"]]
    )
    measured(profile.person, topics["rates"], strong=True)
    measured(profile.person, topics["loans"], strong=False)
    view = mentor_profile_view(mentor_profile_of(profile.person))
    by_code = {strength.topic.code: strength for strength in view.strengths}
    assert by_code["rates"].mastery > 0.9 and not by_code["rates"].contradicted
    assert by_code["loans"].mastery < 0.7 and by_code["loans"].contradicted
    assert by_code["cards"].mastery is None and not by_code["cards"].has_evidence
    assert not by_code["cards"].contradicted  # no evidence is not a contradiction
    assert [s.topic.code for s in view.contradicted] == ["loans"]


def test_the_profile_costs_the_same_queries_whatever_its_strengths(
    org, topics, django_assert_max_num_queries
):
    few = mentor_make(unit=org["pudong_team"], strengths=[topics["rates"]])
    many = mentor_make(unit=org["pudong_team"], strengths=list(topics.values()))
    for topic in topics.values():
        measured(many.person, topic, strong=True)
    counts = []
    for profile in (few, many):
        with django_assert_max_num_queries(6) as captured:
            view = mentor_profile_view(mentor_profile_of(profile.person))
            [strength.topic.name for strength in view.strengths]
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_years_of_service_from_the_hire_date(org):
    person = PersonFactory(unit=org["pudong_team"], hire_date=date(2016, 6, 15))
    assert years_of_service(person, today=date(2026, 6, 14)) == 9
    assert years_of_service(person, today=date(2026, 6, 15)) == 10
    person.hire_date = None
    assert years_of_service(person) is None


def test_weak_topics_are_the_lowest_below_the_bar_and_no_evidence_is_said(org, topics):
    drilled = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    fresh = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    measured(drilled, topics["rates"], strong=True)
    measured(drilled, topics["loans"], strong=False)
    measured(drilled, topics["fx"], strong=False)
    need = MenteeNeed.objects.create(person=fresh, manager_note="剛入職")
    need.focus_topics.set([topics["cards"]])
    views = mentee_needs_for([drilled, fresh])
    assert {w.topic.code for w in views[drilled.pk].weak_topics} == {"loans", "fx"}
    assert views[drilled.pk].has_evidence and views[drilled.pk].need is None
    assert views[fresh.pk].weak_topics == [] and not views[fresh.pk].has_evidence
    focus = views[fresh.pk].focus_topics
    assert [f.topic.code for f in focus] == ["cards"] and focus[0].mastery is None


def test_needs_of_a_page_cost_the_same_queries_at_any_size(
    org, topics, django_assert_max_num_queries
):
    def people(count):
        made = []
        for _ in range(count):
            person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
            measured(person, topics["loans"], strong=False)
            need = MenteeNeed.objects.create(person=person)
            need.focus_topics.set([topics["cards"], topics["fx"]])
            made.append(person)
        return made

    counts = []
    for group in (people(1), people(8)):
        with django_assert_max_num_queries(6) as captured:
            views = mentee_needs_for(group)
            [(w.topic.name for w in v.weak_topics) for v in views.values()]
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
