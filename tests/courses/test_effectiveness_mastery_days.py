"""quizzes.selectors.mastery_days: mastery on chosen days from the snapshots
near them, against mastery_series + mastery_at on the same data."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.selectors.mastery import mastery_at, mastery_series
from quizzes.selectors.mastery_days import mastery_on_days
from tests.courses.effectiveness_builders import person, snapshot
from tests.factories import TopicFactory


def test_the_latest_snapshot_within_the_window_and_nothing_older(org):
    a, b = person(org["pudong_team"]), person(org["pudong_team"])
    t1, t2 = TopicFactory(), TopicFactory()
    snapshot(a, t1, date(2026, 3, 1), 0.2)
    snapshot(a, t1, date(2026, 3, 9), 0.5)
    snapshot(a, t1, date(2026, 3, 10), 0.6)
    snapshot(a, t2, date(2026, 3, 8), 0.7)
    snapshot(b, t1, date(2026, 3, 1), 0.9)  # more than 3 days before: not counted
    snapshot(b, t2, date(2026, 3, 20), 0.4)
    day, later = date(2026, 3, 10), date(2026, 3, 21)
    with CaptureQueriesContext(connection) as captured:
        found = mastery_on_days({day: {a.pk, b.pk}, later: {b.pk}}, [t1.pk, t2.pk])
    # One read; on PostgreSQL it runs in a savepoint with JIT off (three statements more).
    reads = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1
    assert len(captured.captured_queries) == (4 if connection.vendor == "postgresql" else 1)
    series = mastery_series([a.pk], [t1.pk, t2.pk], until=later)
    assert found[day][a.pk] == {
        t1.pk: mastery_at(series[a.pk][t1.pk], day),
        t2.pk: mastery_at(series[a.pk][t2.pk], day),
    }
    assert found[day][a.pk] == {t1.pk: 0.6, t2.pk: 0.7}
    assert b.pk not in found[day]
    assert found[later] == {b.pk: {t2.pk: 0.4}}


def test_nothing_asked_reads_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert mastery_on_days({}, [1]) == {}
        assert mastery_on_days({date(2026, 1, 1): {1}}, []) == {}
