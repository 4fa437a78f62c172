"""Yesterday's morning drill in the bench database (tests/bench/benchapp/
history.py): the morning scenarios start on a database in use, whose
statistics lead PostgreSQL to plan the answer's look-up on its index."""

import pytest
from django.db import connection

from quizzes.models import Attempt, AttemptItem, AttemptStatus
from quizzes.services.answer_rows import _item_query
from tests.bench.benchapp.history import history_drill, history_write
from tests.factories import OrgUnitFactory, PersonFactory, category_create, question_make


def _questions(count: int) -> list:
    category = category_create()
    return [question_make(category=category, name=f"昨日第{n}題") for n in range(count)]


@pytest.mark.django_db
def test_each_trainee_answered_yesterdays_drill_once():
    questions = _questions(4)
    people = PersonFactory.create_batch(3, unit=OrgUnitFactory())
    drill = history_drill(questions)
    assert history_write(drill, questions, people) == 12
    assert not drill.is_active
    assert [q.question_id for q in drill.drill_questions.order_by("position")] == [
        q.pk for q in questions
    ]
    for person in people:
        attempt = Attempt.objects.get(person=person)
        assert attempt.drill == drill
        assert attempt.status == AttemptStatus.FINISHED
        items = AttemptItem.objects.filter(attempt=attempt).order_by("position")
        assert [item.question_id for item in items] == [q.pk for q in questions]
        assert all(item.answered_at is not None and item.score is not None for item in items)
    # Made again, the drill is the same one with the same questions.
    assert history_drill(questions) == drill
    assert drill.drill_questions.count() == 4


def _generic_plan(sql: str, params: list) -> str:
    numbered = sql
    for number in range(1, sql.count("%s") + 1):
        numbered = numbered.replace("%s", f"${number}", 1)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute(f"PREPARE bench_item_look_up AS {numbered}")
        try:
            placeholders = ", ".join(["%s"] * len(params))
            # The arguments written in: bound on the server, EXECUTE's would have no type.
            explain = f"EXPLAIN EXECUTE bench_item_look_up({placeholders})"
            cursor.execute(connection.ops.compose_sql(explain, params))
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE bench_item_look_up")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_answer_look_up_is_planned_on_its_index_after_the_history():
    """The plan a connection keeps for the answer's look-up (a prepared
    statement's generic plan) finds the item by its attempt and position."""
    questions = _questions(10)
    people = PersonFactory.create_batch(150, unit=OrgUnitFactory())
    history_write(history_drill(questions), questions, people)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sql, _tables = _item_query(connection.alias, by_token=True)
    attempt = Attempt.objects.first()
    plan = _generic_plan(sql, [True, "x" * 32, "2026-12-07T00:00:00Z", attempt.pk, 3, 1])
    assert "quizzes_item_position_unique" in plan, plan
