"""Reads for dashboards and reports: from rollup rows only, in one query."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import MasterySnapshot, PersonTopicDay, RollupRun, UnitTopicDay
from quizzes.selectors.rollups import (
    last_days,
    mastery_heatmap,
    person_answer_totals,
    unit_trend,
)
from tests.factories import PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def unit_day(unit, topic, day, people, mastery_sum, answers, score_sum):
    return UnitTopicDay.objects.create(
        unit=unit,
        topic=topic,
        date=day,
        people=people,
        mastery_sum=mastery_sum,
        answers=answers,
        score_sum=score_sum,
    )


def test_the_trend_sums_the_subtrees_units_month_by_month(org):
    rates, products = TopicFactory(), TopicFactory()
    until = date(2026, 12, 6)
    unit_day(org["pudong"], rates, date(2026, 12, 1), 2, 1.0, 10, 5.0)
    unit_day(org["pudong_team"], rates, date(2026, 12, 2), 2, 1.6, 10, 9.0)
    unit_day(org["pudong_team"], products, date(2026, 11, 30), 1, 0.2, 4, 1.0)
    unit_day(org["puxi_team"], rates, date(2026, 12, 1), 5, 5.0, 99, 99.0)  # another subtree
    unit_day(org["pudong"], rates, date(2025, 12, 31), 9, 9.0, 9, 9.0)  # 13 months back
    unit_day(org["pudong"], rates, date(2026, 12, 7), 9, 9.0, 9, 9.0)  # after `until`

    with CaptureQueriesContext(connection) as queries:
        points = unit_trend(org["pudong"], until=until)

    assert len(queries) == 1 and "attemptitem" not in queries[0]["sql"].lower()
    got = {(p.month, p.topic_id): p for p in points}
    assert list(got) == [
        (date(2026, 11, 1), None),
        (date(2026, 11, 1), products.pk),
        (date(2026, 12, 1), None),
        (date(2026, 12, 1), rates.pk),
    ]
    december = got[(date(2026, 12, 1), rates.pk)]
    assert (december.people, december.answers) == (4, 20)
    assert december.mastery == pytest.approx(2.6 / 4)
    assert december.accuracy == pytest.approx(14 / 20)
    assert got[(date(2026, 12, 1), None)].mastery == pytest.approx(2.6 / 4)
    assert got[(date(2026, 11, 1), None)].accuracy == pytest.approx(1 / 4)
    whole_bank = {(p.month, p.topic_id): p for p in unit_trend([org["head"]], until=until)}
    assert whole_bank[(date(2026, 12, 1), rates.pk)].people == 9
    assert (date(2025, 12, 1), None) not in whole_bank  # 12 months: January to December
    assert unit_trend(org["head"], until=until, months=13)[0].month == date(2025, 12, 1)
    assert unit_trend([], until=until) == []


def test_the_heatmap_takes_each_persons_latest_snapshot_in_one_query(org):
    rates, products = TopicFactory(), TopicFactory()
    ann, bob, cat = (PersonFactory(unit=org["pudong_team"]) for _ in range(3))

    def snap(person, topic, day, mastery):
        MasterySnapshot.objects.create(person=person, topic=topic, date=day, mastery=mastery)

    snap(ann, rates, date(2026, 12, 1), 0.1)
    snap(ann, rates, date(2026, 12, 3), 0.3)
    snap(ann, rates, date(2026, 12, 9), 0.9)  # after the day asked
    snap(ann, products, date(2026, 12, 2), 0.2)
    snap(bob, rates, date(2026, 11, 20), 0.5)
    snap(cat, rates, date(2026, 12, 3), 0.7)  # not asked for

    with CaptureQueriesContext(connection) as queries:
        grid = mastery_heatmap([ann.pk, bob.pk], day=date(2026, 12, 5))
    assert len(queries) == 1
    assert grid == {ann.pk: {rates.pk: 0.3, products.pk: 0.2}, bob.pk: {rates.pk: 0.5}}

    # A full run of 1 December took everyone's snapshot: older ones are superseded.
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL,
        status=RollupRun.Status.DONE,
        day=date(2026, 12, 1),
        started_at="2026-12-01T15:50:00Z",
    )
    grid = mastery_heatmap([ann.pk, bob.pk], day=date(2026, 12, 5))
    assert grid == {ann.pk: {rates.pk: 0.3, products.pk: 0.2}}


def test_answers_per_person_over_a_period(org):
    rates, products = TopicFactory(), TopicFactory()
    ann, bob = (PersonFactory(unit=org["pudong_team"]) for _ in range(2))
    for person, topic, day, answers, score in [
        (ann, rates, date(2026, 12, 1), 4, 3.0),
        (ann, products, date(2026, 12, 5), 2, 0.5),
        (ann, rates, date(2026, 11, 30), 7, 7.0),  # before the period
        (bob, rates, date(2026, 12, 6), 1, 1.0),
    ]:
        PersonTopicDay.objects.create(
            person=person, topic=topic, date=day, answers=answers, score_sum=score
        )
    since, until = last_days(6, until=date(2026, 12, 6))
    assert since == date(2026, 12, 1)
    with CaptureQueriesContext(connection) as queries:
        totals = person_answer_totals([ann.pk, bob.pk], since=since, until=until)
    assert len(queries) == 1
    assert (totals[ann.pk].answers, totals[ann.pk].accuracy) == (6, pytest.approx(3.5 / 6))
    assert totals[bob.pk].answers == 1
    only_rates = person_answer_totals([ann.pk], since=since, until=until, topic_ids=[rates.pk])
    assert only_rates[ann.pk].answers == 4
