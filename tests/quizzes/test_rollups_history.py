"""Past days' figures filled from what is kept: the answers of each day and the
snapshots already taken on it, which stay as they were."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import MasterySnapshot, UnitTopicDay
from quizzes.services.rollup_history import rollup_history_fill
from tests.factories import PersonFactory

from .rollup_data import (
    answers_of_day,
    assert_close,
    local,
    make_drill,
    person_days,
    snapshots,
    take,
    unit_days,
    unit_days_summed,
)

pytestmark = pytest.mark.django_db


def test_past_days_are_filled_without_new_snapshots(org):
    rates, _products, drill = make_drill()
    people = [PersonFactory(unit=org["pudong_team"]), PersonFactory(unit=org["puxi_team"])]
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in (5, 3)]
    take(drill, people[0], right={0, 1}, now=local(days[0], 10))
    take(drill, people[1], right={2}, now=local(days[1], 9))
    kept = MasterySnapshot.objects.create(
        person=people[0], topic=rates, date=days[1], mastery=0.42, answers=2
    )

    written = rollup_history_fill(first=days[0], last=today)

    assert written == 5  # from five days ago to yesterday: today is the nightly run's
    unit_of = {p.pk: p.unit_id for p in people}
    for day in days:
        assert person_days(day) == answers_of_day(day)
        assert_close(unit_days(day), unit_days_summed(day, unit_of))
    assert snapshots(days[1]) == {(people[0].pk, rates.pk): (0.42, None, None, 2)}
    kept.refresh_from_db()
    assert kept.mastery == 0.42
    assert not UnitTopicDay.objects.filter(date=today).exists()
    assert UnitTopicDay.objects.get(unit=people[0].unit, topic=rates, date=days[1]).people == 1
