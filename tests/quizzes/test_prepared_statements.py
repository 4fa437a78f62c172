"""Statements are prepared on PostgreSQL from their fifth run on a
connection, so the database plans each once per connection: the morning
drill's (rowsql.cursor) and the ORM's, bound on the server; the answers stay
what they were, every run is counted as a query and logged with its
parameters, and DATABASE_PREPARED_STATEMENTS=false turns preparing off."""

import pytest
from django.db import connection

from quizzes.services import attempt_start
from quizzes.services.answer_rows import item_of_user
from tests.factories import drill_make, question_make
from tests.site.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@postgresql_only
def test_the_answers_look_up_is_prepared_after_its_fifth_run_and_answers_the_same(
    org, trainee, django_assert_num_queries
):
    drill = drill_make([question_make(stem=f"問題{i}") for i in range(2)], time_limit=60)
    attempt = attempt_start(drill=drill, person=trainee)
    found = []
    with django_assert_num_queries(7):
        for _ in range(7):
            found.append(item_of_user(attempt_id=attempt.pk, position=1, user=trainee.user))
    assert {item.pk for item in found} == {attempt.items.get(position=1).pk}
    assert [s for s in prepared_statements() if "attempt_id" in s and "position" in s]
    # Another user's look-up, through the same prepared statement, finds nothing.
    stranger = type(trainee.user).objects.create(username="stranger")
    assert item_of_user(attempt_id=attempt.pk, position=1, user=stranger) is None


@pytest.mark.parametrize(
    ("setting", "threshold"), [("", "5 True 5 True"), ("false", "None None None None")]
)
def test_preparing_follows_the_setting(setting, threshold):
    """For the primary and the read replica alike."""
    show = (
        "from django.conf import settings; "
        "print(*(settings.DATABASES[alias].get('OPTIONS', {}).get(option) "
        "for alias in ('default', 'replica') "
        "for option in ('prepare_threshold', 'server_side_binding')))"
    )
    completed = run_manage(
        "shell",
        "-c",
        show,
        env_extra={
            **PRODUCTION_ENV,
            "DATABASE_URL": "postgres://user@127.0.0.1:5432/lianbing",
            "DATABASE_REPLICA_URL": "postgres://user@127.0.0.1:5432/lianbing_replica",
            "DATABASE_PREPARED_STATEMENTS": setting,
        },
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == threshold


@postgresql_only
def test_the_query_log_names_a_prepared_statement(org, trainee):
    """psycopg keeps no text of a prepared statement: the log must still show it."""
    from django.test.utils import CaptureQueriesContext

    drill = drill_make([question_make(stem=f"問題{i}") for i in range(2)], time_limit=60)
    attempt = attempt_start(drill=drill, person=trainee)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(7):
            item_of_user(attempt_id=attempt.pk, position=1, user=trainee.user)
    logged = [query["sql"] for query in captured.captured_queries]
    assert len(logged) == 7
    assert all(sql and sql.startswith("SELECT") and "position" in sql for sql in logged), logged
    # With its parameters put in, as Django logs a statement: it can be run again.
    assert all("%s" not in sql and f"= {attempt.pk}" in sql for sql in logged), logged[-1]


@postgresql_only
def test_the_due_queue_is_prepared_and_answers_the_same(org, trainee, django_assert_num_queries):
    """Every home page and the drills page ask for it: planning it each time
    cost the database ten times what running it did."""
    from datetime import timedelta

    from django.utils import timezone

    from quizzes.models import MemoryState
    from quizzes.selectors.memory import due_queue

    questions = [question_make(stem=f"問題{i}") for i in range(3)]
    now = timezone.now()
    for n, question in enumerate(questions):
        MemoryState.objects.create(person=trainee, question=question, due=now - timedelta(days=n))
    due_queue(trainee, now=now)  # the person's time zone, read once
    with django_assert_num_queries(7):
        queues = [[state.question_id for state in due_queue(trainee, now=now)] for _ in range(7)]
    assert queues == [[q.pk for q in reversed(questions)]] * 7
    assert [s for s in prepared_statements() if "quizzes_memorystate" in s and "due" in s]


@postgresql_only
def test_an_orm_query_is_bound_on_the_server_prepared_and_logged_with_its_parameters(org, trainee):
    """The ORM's queries were bound on the client and planned on every run:
    the dashboard's follow-up query took 1.4 ms to plan and 0.1 ms to run."""
    from django.test.utils import CaptureQueriesContext

    from people.models import Person

    marker = "prepared-orm-look-up"
    with CaptureQueriesContext(connection) as captured:
        found = [
            Person.objects.filter(pk=trainee.pk).exclude(name=marker).first() for _ in range(7)
        ]
    assert found == [trainee] * 7
    assert [s for s in prepared_statements() if "people_person" in s and "$1" in s]
    logged = [query["sql"] for query in captured.captured_queries]
    assert len(logged) == 7
    assert all(f"'{marker}'" in sql and "%s" not in sql for sql in logged), logged[-1]
