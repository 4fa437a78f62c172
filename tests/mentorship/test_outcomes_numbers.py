"""A hand-built case: the mentee's change, the comparison group (who is in,
who is out and why) and the difference, figured by hand."""

from datetime import date

import pytest

from mentorship.models import Pair
from mentorship.selectors.comparison import (
    DIFFERENT_START,
    FAR_SERVICE,
    HAS_MENTOR,
    OTHER_GRADE,
    OTHER_ROLES,
    SELF,
)
from mentorship.selectors.outcomes import comparison_reasons, pair_outcomes
from people.roles import Role
from tests.factories import TopicFactory

from .outcome_builders import pair_make, person_make, snaps

START, END = date(2026, 1, 1), date(2026, 4, 1)
TODAY = date(2026, 6, 30)


@pytest.fixture
def case(org):
    team = org["pudong_team"]
    a, b = TopicFactory(name="存款利率"), TopicFactory(name="轄區客戶")
    mentor = person_make(team, grade="senior", hired=date(2015, 1, 1), name="導師")
    mentee = person_make(team, name="徒弟")
    pair = pair_make(mentor, mentee, started=START, ended=END, topics=[a, b])
    # The mentee: A from an older snapshot (0.2), B on the day (0.4): 0.3 -> 0.7.
    snaps(mentee, date(2025, 12, 31), {a: 0.2})
    snaps(mentee, START, {b: 0.4})
    snaps(mentee, date(2026, 3, 31), {a: 0.6})
    snaps(mentee, END, {b: 0.8})
    people = {"mentor": mentor, "mentee": mentee}

    def colleague(key, start_values, end_values, **kw):
        person = person_make(team, name=key, **kw)
        snaps(person, START, dict(zip((a, b), start_values, strict=True)))
        snaps(person, END, dict(zip((a, b), end_values, strict=True)))
        people[key] = person
        return person

    colleague("c1", (0.3, 0.3), (0.4, 0.4), hired=date(2023, 6, 1))  # +0.10
    colleague("c2", (0.2, 0.3), (0.4, 0.5), hired=date(2025, 6, 1))  # +0.20
    # Had a pair, but it ended before this one began: still comparable (+0.00).
    c3 = colleague("c3", (0.4, 0.4), (0.4, 0.4))
    pair_make(mentor, c3, started=date(2025, 1, 1), ended=date(2025, 6, 30))
    # Left out, each for one reason.
    mentored = colleague("mentored", (0.3, 0.3), (0.9, 0.9))
    other_mentor = person_make(team, grade="senior", hired=date(2014, 1, 1))
    pair_make(other_mentor, mentored, started=date(2026, 3, 1), ended=date(2026, 5, 1))
    # A pair that began before and ended during the period overlaps it too.
    early = colleague("mentored_early", (0.3, 0.3), (0.9, 0.9))
    pair_make(other_mentor, early, started=date(2025, 11, 1), ended=date(2026, 2, 1))
    colleague("senior", (0.3, 0.3), (0.1, 0.1), grade="senior")
    colleague("veteran", (0.3, 0.3), (0.1, 0.1), hired=date(2020, 1, 1))
    colleague("strong", (0.6, 0.6), (0.1, 0.1))
    colleague("manager", (0.3, 0.3), (0.1, 0.1), roles=(Role.TRAINEE, Role.MANAGER))
    return pair, people


def test_the_mentee_change_and_the_comparison_figured_by_hand(case):
    pair, people = case
    (outcome,) = pair_outcomes(Pair.objects.filter(pk=pair.pk), today=TODAY)
    assert (outcome.start, outcome.end) == (START, END)
    assert outcome.mentee_before == pytest.approx(0.3)
    assert outcome.mentee_after == pytest.approx(0.7)
    assert outcome.mentee_change == pytest.approx(0.4)
    assert set(outcome.comparison_ids) == {people[k].pk for k in ("c1", "c2", "c3")}
    assert outcome.comparison_count == 3 and not outcome.too_few
    assert outcome.comparison_before == pytest.approx((0.3 + 0.25 + 0.4) / 3)
    assert outcome.comparison_change == pytest.approx(0.1)
    assert outcome.difference == pytest.approx(0.3)
    assert outcome.topic_names == ("存款利率", "轄區客戶")


def test_who_is_left_out_of_the_comparison_and_why(case):
    pair, people = case
    reasons = comparison_reasons(pair, today=TODAY)
    assert {k: reasons[people[k].pk] for k in people} == {
        "mentor": OTHER_GRADE,
        "mentee": SELF,
        "c1": None,
        "c2": None,
        "c3": None,
        "mentored": HAS_MENTOR,
        "mentored_early": HAS_MENTOR,
        "senior": OTHER_GRADE,
        "veteran": FAR_SERVICE,
        "strong": DIFFERENT_START,
        "manager": OTHER_ROLES,
    }


def test_the_settings_widen_the_comparison(case, settings):
    pair, people = case
    settings.MENTORSHIP_COMPARISON_SERVICE_YEARS = 10
    settings.MENTORSHIP_COMPARISON_MASTERY_MARGIN = 0.5
    (outcome,) = pair_outcomes(Pair.objects.filter(pk=pair.pk), today=TODAY)
    assert set(outcome.comparison_ids) == {
        people[k].pk for k in ("c1", "c2", "c3", "veteran", "strong")
    }


def test_too_few_colleagues_is_flagged(case, settings):
    pair, _people = case
    settings.MENTORSHIP_COMPARISON_MIN_COLLEAGUES = 4
    (outcome,) = pair_outcomes(Pair.objects.filter(pk=pair.pk), today=TODAY)
    assert outcome.comparison_count == 3 and outcome.too_few


def test_an_active_pair_is_measured_to_today_and_one_without_topics_is_not_measured(org):
    team = org["pudong_team"]
    topic = TopicFactory()
    mentor = person_make(team, grade="senior")
    active = pair_make(mentor, person_make(team), started=date(2026, 5, 1), topics=[topic])
    bare = pair_make(mentor, person_make(team), started=date(2026, 5, 1))
    snaps(active.mentee, date(2026, 6, 29), {topic: 0.5})  # last night's snapshot
    outcomes = {o.pair.pk: o for o in pair_outcomes(Pair.objects.all(), today=TODAY)}
    assert outcomes[active.pk].end == TODAY
    assert outcomes[active.pk].mentee_change == pytest.approx(0.5)  # nothing shown at the start
    assert not outcomes[bare.pk].measured and outcomes[bare.pk].comparison_count == 0


def test_a_proposed_pair_has_no_outcome(org):
    team = org["pudong_team"]
    proposed = Pair.objects.create(
        mentor=person_make(team, grade="senior"), mentee=person_make(team), status="proposed"
    )
    assert pair_outcomes(Pair.objects.filter(pk=proposed.pk), today=TODAY) == []
