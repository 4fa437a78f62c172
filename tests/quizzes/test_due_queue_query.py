"""The due queue is one query once the person's zone is in the cache, with
each state's question and topic already there, and that query runs on the
(person, due) index with today's reviews counted on the (person, last_review)
index (issue 16: "what is due for me" for 10,000 trainees of 200 items; the
bench's due-queue scenario times it)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from quizzes.models import MemoryState
from quizzes.selectors import due_queue
from tests.factories import question_make

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@pytest.fixture
def queue_rows(trainee):
    """In Shanghai: 12 overdue, 3 reviewed this morning (against the cap), one
    on a closed question, 5 due next week."""
    UserProfile.objects.update_or_create(
        user=trainee.user, defaults={"current_time_zone": "Asia/Shanghai"}
    )
    for n in range(12):
        MemoryState.objects.create(
            person=trainee,
            question=question_make(stem=f"到期 {n}"),
            due=NOW - timedelta(days=1, hours=n),
            last_review=NOW - timedelta(days=5),
        )
    for n in range(3):
        MemoryState.objects.create(
            person=trainee,
            question=question_make(stem=f"今天複習 {n}"),
            due=NOW + timedelta(days=3),
            last_review=NOW - timedelta(hours=n + 1),
        )
    closed = question_make(stem="已關閉")
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    MemoryState.objects.create(
        person=trainee, question=closed, due=NOW - timedelta(days=9), last_review=None
    )
    for n in range(5):
        MemoryState.objects.create(
            person=trainee, question=question_make(stem=f"下週 {n}"), due=NOW + timedelta(days=7)
        )
    return trainee


def test_it_is_one_query_with_a_warm_cache_and_brings_questions_and_topics(
    queue_rows, django_assert_num_queries
):
    trainee = queue_rows
    due_queue(trainee, now=NOW, cap=10)  # the person's zone goes to the cache
    with django_assert_num_queries(1):
        queue = due_queue(trainee, now=NOW, cap=10)
        shown = [(s.question.name, s.question.topic.name, s.due) for s in queue]
    # The cap of 10 less the 3 reviews of this morning, most overdue first.
    assert len(shown) == 7
    overdue = MemoryState.objects.filter(person=trainee, due__lt=NOW, question__is_active=True)
    assert [s.pk for s in queue] == list(overdue.order_by("due").values_list("pk", flat=True)[:7])
    assert all(due.tzinfo is not None and due < NOW for _name, _topic, due in shown)
    assert all(name and topic for name, topic, _due in shown)
    with django_assert_num_queries(1):
        assert due_queue(trainee, now=NOW, cap=3) == []  # all three done today


def test_a_cold_cache_costs_the_zone_once(queue_rows, django_assert_num_queries):
    from django.core.cache import cache

    from quizzes.selectors.memory import time_zone_cache_key

    cache.delete(time_zone_cache_key(queue_rows.user_id))
    with django_assert_num_queries(2):  # the zone, the queue
        assert len(due_queue(queue_rows, now=NOW, cap=30)) == 12
    with django_assert_num_queries(1):
        assert len(due_queue(queue_rows, now=NOW, cap=30)) == 12


def test_the_query_runs_on_the_due_and_the_reviewed_indexes(queue_rows):
    due_queue(queue_rows, now=NOW)
    with CaptureQueriesContext(connection) as captured:
        due_queue(queue_rows, now=NOW)
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        else:
            # A handful of rows: without this the planner reads the table whole.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "quizzes_memory_due" in plan
    assert "quizzes_memory_reviewed" in plan
