"""The full run leaves the planner's statistics right for the incremental runs
after it, and an incremental run rewrites only the changed people's unit rows."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.models import MasterySnapshot, RollupRun
from quizzes.services import rollup_sql
from quizzes.services.rollups import rollup_run
from tests.factories import PersonFactory, TopicFactory, drill_make, question_make

from .rollup_data import (
    assert_close,
    earlier_today,
    local,
    make_drill,
    take,
    unit_days,
    unit_days_summed,
)

pytestmark = pytest.mark.django_db

FULL, INCREMENTAL = RollupRun.Kind.FULL, RollupRun.Kind.INCREMENTAL
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ANALYZE is run on PostgreSQL only"
)


@pytest.fixture
def drill(org):
    return make_drill()[2]


def _analysed(queries) -> set[str]:
    return {
        q["sql"].split()[1] for q in queries.captured_queries if q["sql"].startswith("ANALYZE ")
    }


@postgresql_only
def test_a_full_run_analyses_the_tables_it_rewrote(org, drill):
    for _ in range(3):
        take(drill, PersonFactory(unit=org["pudong_team"]), now=earlier_today(60))
    with CaptureQueriesContext(connection) as queries:
        run = rollup_run(kind=FULL)
    assert run.status == RollupRun.Status.DONE
    assert _analysed(queries) >= set(rollup_sql.ANALYSED)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [rollup_sql.SNAPSHOT])
        assert cursor.fetchone()[0] == MasterySnapshot.objects.count() > 0


@postgresql_only
def test_an_incremental_run_leaves_the_big_tables_statistics_alone(org, drill):
    day = timezone.localdate() - timedelta(days=1)
    person = PersonFactory(unit=org["pudong_team"])
    rollup_run(kind=FULL, now=local(day, 10))
    take(drill, person, now=local(day, 10, 5))
    with CaptureQueriesContext(connection) as queries:
        run = rollup_run(kind=INCREMENTAL, now=local(day, 10, 10))
    assert run.status == RollupRun.Status.DONE and run.people == 1
    assert not _analysed(queries) & set(rollup_sql.ANALYSED)


def test_a_full_run_whose_analysis_fails_is_still_done(org, drill, monkeypatch, caplog):
    take(drill, PersonFactory(unit=org["pudong_team"]), now=earlier_today(60))

    def broken():
        raise RuntimeError("statistics locked")

    monkeypatch.setattr(rollup_sql, "tables_analyse", broken)
    with caplog.at_level(logging.WARNING, logger="quizzes.services.rollups"):
        run = rollup_run(kind=FULL)
    assert run.status == RollupRun.Status.DONE and run.people == 1 and not run.error
    assert MasterySnapshot.objects.filter(date=run.day).exists()
    assert "statistics were not refreshed" in caplog.text


def test_an_incremental_run_rewrites_the_changed_peoples_unit_topics_only(org, drill):
    """A unit's row of a topic nobody changed stays as it was; the rows of the
    changed people's topics equal the sums over the unit's members."""
    day = timezone.localdate() - timedelta(days=1)
    other_topic = TopicFactory(name="合規")
    compliance = drill_make([question_make(topic=other_topic, stem="合規一")])
    changed, still, elsewhere = (
        PersonFactory(unit=org["pudong_team"]),
        PersonFactory(unit=org["pudong_team"]),
        PersonFactory(unit=org["puxi_team"]),
    )
    take(drill, changed, now=local(day, 9))
    take(compliance, still, now=local(day, 9, 5))
    take(drill, elsewhere, now=local(day, 9, 10))
    rollup_run(kind=FULL, now=local(day, 10))
    before = unit_days(day)
    untouched = {
        key: row
        for key, row in before.items()
        if key[0] == elsewhere.unit_id or key[1] == other_topic.pk
    }
    assert (changed.unit_id, other_topic.pk) in untouched

    take(drill, changed, right={1, 2}, now=local(day, 10, 1))
    with CaptureQueriesContext(connection) as queries:
        run = rollup_run(kind=INCREMENTAL, now=local(day, 10, 5))

    assert run.status == RollupRun.Status.DONE and run.people == 1
    after = unit_days(day)
    assert {key: after[key] for key in untouched} == untouched
    assert after != before
    units = {p.pk: p.unit_id for p in (changed, still, elsewhere)}
    assert_close(after, unit_days_summed(day, units))
    deleted = [
        q["sql"] for q in queries.captured_queries if "DELETE FROM quizzes_unittopicday" in q["sql"]
    ]
    assert deleted and all(rollup_sql.PAIRS in sql for sql in deleted)


@postgresql_only
def test_a_database_error_in_the_analysis_leaves_the_run_done(org, drill, monkeypatch, caplog):
    """Inside a caller's transaction too: the failed ANALYZE is rolled back to
    its savepoint, so the run is still marked done."""
    take(drill, PersonFactory(unit=org["pudong_team"]), now=earlier_today(60))
    monkeypatch.setattr(rollup_sql, "ANALYSED", ("quizzes_no_such_table",))
    with caplog.at_level(logging.WARNING, logger="quizzes.services.rollups"):
        run = rollup_run(kind=FULL)
    assert run.status == RollupRun.Status.DONE and run.people == 1
    assert "statistics were not refreshed" in caplog.text
