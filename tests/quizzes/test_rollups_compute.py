"""The rollups equal a direct computation on the same data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import RollupRun
from quizzes.selectors.mastery import mastery_grid
from quizzes.services.rollups import rollup_run
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

FULL, INCREMENTAL = RollupRun.Kind.FULL, RollupRun.Kind.INCREMENTAL


@pytest.fixture
def world(org):
    rates, products, drill = make_drill()
    people = [PersonFactory(unit=org["pudong_team"]) for _ in range(3)] + [
        PersonFactory(unit=org["puxi_team"]) for _ in range(2)
    ]
    return {"drill": drill, "people": people, "topics": (rates, products)}


def unit_of(people):
    return {p.pk: p.unit_id for p in people}


def test_a_full_run_equals_the_direct_computation(world):
    drill, people = world["drill"], world["people"]
    today = timezone.localdate() - timedelta(days=1)
    yesterday = today - timedelta(days=1)
    take(drill, people[0], right={0, 1}, now=local(yesterday, 10))
    take(drill, people[0], right={2}, now=local(today, 9))
    take(drill, people[1], right=set(), now=local(today, 11))
    take(drill, people[3], right={0, 1, 2}, now=local(today, 12))
    now = local(today, 23, 50)

    run = rollup_run(kind=FULL, now=now)

    assert run.status == RollupRun.Status.DONE, run.error
    assert run.people == 3 and run.answers_until == now and run.day == today
    grid = mastery_grid([p.pk for p in people], now=now)
    expected = {
        (pid, tid): (m.mastery, m.recall, m.accuracy, m.answers)
        for pid, topics in grid.items()
        for tid, m in topics.items()
    }
    assert_close(snapshots(today), expected)
    assert person_days(today) == answers_of_day(today)
    assert_close(unit_days(today), unit_days_summed(today, unit_of(people)))
    assert {unit for unit, _topic in unit_days(today)} == {people[0].unit_id, people[3].unit_id}


def test_a_full_run_of_a_past_day_rewrites_that_day_only(world):
    drill, people = world["drill"], world["people"]
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    take(drill, people[0], now=local(yesterday, 10))
    first = rollup_run(kind=FULL, day=yesterday, now=local(today, 0, 10) + timedelta(hours=10))
    today_rows = snapshots(today)
    take(drill, people[1], now=local(yesterday, 11))

    second = rollup_run(kind=FULL, day=yesterday, now=timezone.now())

    assert first.status == second.status == RollupRun.Status.DONE
    assert second.answers_until is None  # a past day does not move the watermark
    assert person_days(yesterday) == answers_of_day(yesterday)
    assert snapshots(today) == today_rows
    assert_close(unit_days(yesterday), unit_days_summed(yesterday, unit_of(people)))


def test_an_incremental_run_equals_a_full_one_after_new_answers(world):
    drill, people = world["drill"], world["people"]
    today = timezone.localdate() - timedelta(days=1)
    take(drill, people[0], now=local(today, 9))
    take(drill, people[3], now=local(today, 9, 5))
    rollup_run(kind=FULL, now=local(today, 10))
    take(drill, people[1], right={1, 2}, now=local(today, 10, 1))
    take(drill, people[3], right={0, 2}, now=local(today, 10, 2))
    now = local(today, 10, 3)

    run = rollup_run(kind=INCREMENTAL, now=now)

    assert run.status == RollupRun.Status.DONE and run.people == 2
    incremental = (snapshots(today), person_days(today), unit_days(today))
    # The same moment, computed for everyone: people who did not answer have
    # aged by three minutes of recall, nothing more.
    RollupRun.objects.all().delete()
    rollup_run(kind=FULL, now=now)
    assert_close(incremental[0], snapshots(today), tolerance=5e-3)
    assert incremental[1] == person_days(today) == answers_of_day(today)
    assert_close(incremental[2], unit_days(today), tolerance=2e-2)
    changed = {people[1].pk, people[3].pk}
    full = snapshots(today)
    assert_close(
        {k: v for k, v in incremental[0].items() if k[0] in changed},
        {k: v for k, v in full.items() if k[0] in changed},
    )


def test_an_answer_between_runs_is_counted_once(world):
    drill, people = world["drill"], world["people"]
    today = timezone.localdate() - timedelta(days=1)
    rollup_run(kind=FULL, now=local(today, 8))
    take(drill, people[0], now=local(today, 9))
    # Saved while the next run works: after its start, so it is left to the run after.
    take(drill, people[1], now=local(today, 10, 0) + timedelta(seconds=1))

    first = rollup_run(kind=INCREMENTAL, now=local(today, 10))
    counted = person_days(today)
    second = rollup_run(kind=INCREMENTAL, now=local(today, 10, 15))
    third = rollup_run(kind=INCREMENTAL, now=local(today, 10, 30))

    assert (first.people, second.people, third.people) == (1, 1, 0)
    assert {pid for pid, _ in counted} == {people[0].pk}
    assert person_days(today) == answers_of_day(today)
    assert sum(answers for answers, _ in person_days(today).values()) == 6
    assert second.answers_until == local(today, 10, 15)


def test_late_answers_of_yesterday_go_to_yesterday(world):
    drill, people = world["drill"], world["people"]
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    take(drill, people[0], now=local(yesterday, 20))
    rollup_run(kind=FULL, day=yesterday, now=local(yesterday, 23, 50))
    take(drill, people[1], now=local(yesterday, 23, 55))
    take(drill, people[2], now=local(today, 0, 5))

    run = rollup_run(kind=INCREMENTAL, now=local(today, 0, 10))

    assert run.status == RollupRun.Status.DONE and run.people == 2
    assert person_days(yesterday) == answers_of_day(yesterday)
    assert person_days(today) == answers_of_day(today)
    assert {pid for pid, _ in person_days(today)} == {people[2].pk}
    assert_close(unit_days(yesterday), unit_days_summed(yesterday, unit_of(people)))


def test_the_day_ends_at_midnight_in_the_sites_time_zone(world, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    drill, people = world["drill"], world["people"]
    with timezone.override("Asia/Shanghai"):
        today = timezone.localdate()
        yesterday = today - timedelta(days=1)
        # 23:30 and 00:30 in Shanghai are 15:30 and 16:30 of the same UTC day.
        take(drill, people[0], now=local(yesterday, 23, 30))
        take(drill, people[1], now=local(today, 0, 30))
        rollup_run(kind=FULL, day=yesterday, now=local(today, 1))
        rollup_run(kind=FULL, now=local(today, 1))
        assert {pid for pid, _ in person_days(yesterday)} == {people[0].pk}
        assert {pid for pid, _ in person_days(today)} == {people[1].pk}
