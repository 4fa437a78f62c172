"""The bench's due-queue generator (tests/bench/duequeue.py) at a tiny size:
it makes what it promises (states, a share due today, reviews done today,
closed questions), the states' table gets back every index and constraint,
a second call reuses it, another size is refused, and the measurement times
every call as one query and writes its plan.

PostgreSQL only: the generator writes with generate_series and PostgreSQL's
catalog (CI runs it in its PostgreSQL pass)."""

from datetime import datetime

import pytest
from django.db import connection

from tests.bench.duequeue import DUE_BACK_FROM_LEAVE_EVERY, Plan, StaleQueue, duequeue_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the generator writes with PostgreSQL's generate_series and catalog",
    ),
]

TINY = Plan(trainees=30, items=50, topics=4, questions=200)


def _names(sql: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [table])
        return {row[0] for row in cursor.fetchall()}


def _indexes_and_constraints() -> tuple[set[str], set[str]]:
    table = "quizzes_memorystate"
    return (
        _names("SELECT indexname FROM pg_indexes WHERE tablename = %s", table),
        _names("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass", table),
    )


def test_it_makes_a_queue_for_everyone_reuses_it_and_the_measure_is_one_query():
    from people.models import Person
    from quizzes.models import MemoryState, Question
    from quizzes.selectors import due_queue
    from tests.bench.duequeue_measure import due_queue_row, duequeue_measure

    before = _indexes_and_constraints()
    facts = duequeue_make(plan=TINY, log=lambda line: None)
    assert facts["reused"] is False
    assert _indexes_and_constraints() == before

    ids, counts = facts["ids"], facts["counts"]
    people = Person.objects.filter(pk__gte=ids["person"], pk__lt=ids["person"] + TINY.trainees)
    assert people.count() == TINY.trainees
    states = MemoryState.objects.filter(person__in=people)
    assert states.count() == counts["memory_states"] == TINY.states == 1_500
    # Distinct questions per trainee (the unique constraint is back, so this held).
    assert states.values("person", "question").distinct().count() == TINY.states
    assert Question.objects.filter(pk__gte=ids["question"], is_active=False).count() == 4
    # A realistic share falls due by the end of today; some were reviewed today.
    assert 0.05 * TINY.states < counts["due_by_end_of_today"] < 0.4 * TINY.states
    assert counts["overdue"] < counts["due_by_end_of_today"]
    assert counts["reviewed_today"] > 0

    now = datetime.fromisoformat(facts["now"])
    # Trainee 0 is back from leave (every DUE_BACK_FROM_LEAVE_EVERY-th): a backlog.
    back, regular = people.get(pk=ids["person"]), people.get(pk=ids["person"] + 1)
    assert DUE_BACK_FROM_LEAVE_EVERY > 1
    assert len(due_queue(back, now=now, cap=1_000)) > len(due_queue(regular, now=now, cap=1_000))

    again = duequeue_make(plan=TINY, log=lambda line: None)
    assert again["reused"] is True and again["ids"] == ids
    assert MemoryState.objects.count() == counts["memory_states"]
    with pytest.raises(StaleQueue):
        duequeue_make(
            plan=Plan(trainees=31, items=50, topics=4, questions=200), log=lambda line: None
        )

    measured = duequeue_measure(samples=20)
    assert measured["queries_per_call"] == {"min": 1, "max": 1, "calls_over_one": 0}
    assert measured["measured"]["requests"] == 20 and measured["measured"]["p95_ms"] > 0
    # Which indexes a plan uses depends on the size (tests/quizzes/test_due_queue_query.py
    # pins them); here: a plan that ran, for each kind of trainee.
    assert set(measured["plans"]) == {"regular", "back_from_leave"}
    for plan in measured["plans"].values():
        assert "quizzes_memorystate" in plan["explain"] and "Execution Time" in plan["explain"]
    row = due_queue_row("due-queue", measured)
    assert row["measured"]["errors"] == 0 and "plans" in row["due_queue"]
