"""rowsql.inserts writes many rows in one statement, each value as the ORM
would have written it: on PostgreSQL through one JSON parameter, elsewhere
as VALUES."""

import datetime
import math

import pytest
from django.db import connection
from django.utils import timezone

from imports.models import ImportRun
from quizzes.models import Attempt, AttemptItem, MasterySnapshot, Topic
from quizzes.services import attempt_start
from rowsql.inserts import insert_params, insert_sql
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def _insert(model, names: list[str], rows: list[list], *, tail: str = "") -> list:
    fields = tuple(model._meta.get_field(name) for name in names)
    count = 0 if connection.vendor == "postgresql" else len(rows)
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = insert_sql(model, fields, count, connection.alias, tail=tail or f"RETURNING {pk}")
    with connection.cursor() as cursor:
        cursor.execute(sql, insert_params(fields, rows, connection.alias))
        return [found for (found,) in cursor.fetchall()]


@pytest.fixture
def item(org, trainee):
    drill = drill_make([question_make(stem="問題")], time_limit=60)
    attempt = attempt_start(drill=drill, person=trainee)
    return AttemptItem.objects.get(attempt=attempt)


def test_text_numbers_booleans_times_and_keys_come_back_as_written(item):
    attempt = item.attempt
    moment = datetime.datetime(2026, 12, 7, 8, 30, 15, 123456, tzinfo=datetime.UTC)
    text = "定存 \"一年\" \\ 1.10%\n'引號' {a,b} NULL 𠀋 😀"  # outside the BMP too
    names = ["drill", "person", "mode", "status", "started_at", "deadline", "finished_at"]
    names += ["score", "passed", "seed", "origin"]
    rows = [
        [attempt.drill_id, attempt.person_id, "self", "finished", moment, None, moment]
        + [0.1 + 0.2, True, 2**31 - 1, text],
        [attempt.drill_id, attempt.person_id, "self", "finished", moment, moment, None]
        + [None, False, 0, ""],
    ]
    first, second = Attempt.objects.filter(pk__in=_insert(Attempt, names, rows)).order_by("pk")
    assert (first.drill_id, first.person_id, first.mode, first.status) == (
        attempt.drill_id,
        attempt.person_id,
        "self",
        "finished",
    )
    assert first.started_at == moment and first.finished_at == moment
    assert first.deadline is None and second.finished_at is None
    assert first.score == 0.1 + 0.2  # not rounded on the way
    assert first.passed is True and second.passed is False
    assert first.seed == 2**31 - 1
    assert first.origin == text and second.origin == ""
    assert second.score is None


def test_a_naive_time_is_made_aware_as_the_orm_makes_it(item, settings):
    attempt = item.attempt
    naive = datetime.datetime(2026, 12, 7, 8, 30)
    names = ["drill", "person", "mode", "status", "started_at", "seed", "origin"]
    row = [attempt.drill_id, attempt.person_id, "self", "finished", naive, 1, ""]
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        (pk,) = _insert(Attempt, names, [row])
    assert Attempt.objects.get(pk=pk).started_at == timezone.make_aware(naive)


@pytest.mark.parametrize(
    "response",
    [{"choice": [1, 2], "text": '二十萬 "元" 𠀋'}, [1, "二"], "只有文字", 3.5, True, None],
    ids=["object", "list", "string", "number", "boolean", "none"],
)
def test_a_json_value_comes_back_as_written_and_none_as_null(item, response):
    names = ["attempt", "position", "question", "version", "response"]
    row = [item.attempt_id, 1, item.question_id, item.version_id, response]
    (pk,) = _insert(AttemptItem, names, [row])
    written = AttemptItem.objects.get(pk=pk)
    assert written.response == response
    if response is None:  # SQL NULL, not a JSON null
        assert AttemptItem.objects.filter(pk=pk, response__isnull=True).exists()


def test_dates_and_floats_that_are_not_finite(item):
    topic = Topic.objects.create(name="存款")
    names = ["person", "topic", "date", "mastery", "recall", "accuracy", "answers"]
    rows = [
        [
            item.attempt.person_id,
            topic.pk,
            datetime.date(2026, 12, 7),
            math.inf,
            -math.inf,
            None,
            3,
        ],
    ]
    if connection.vendor == "postgresql":  # SQLite keeps no NaN (it reads back as NULL)
        rows[0][5] = math.nan
    (pk,) = _insert(MasterySnapshot, names, rows)
    snapshot = MasterySnapshot.objects.get(pk=pk)
    assert snapshot.date == datetime.date(2026, 12, 7)
    assert snapshot.mastery == math.inf and snapshot.recall == -math.inf
    if connection.vendor == "postgresql":
        assert math.isnan(snapshot.accuracy)
    assert snapshot.answers == 3


def test_many_rows_in_one_statement(item, django_assert_num_queries):
    names = ["attempt", "position", "question", "version"]
    rows = [
        [item.attempt_id, position, item.question_id, item.version_id] for position in range(1, 201)
    ]
    with django_assert_num_queries(1):
        ids = _insert(AttemptItem, names, rows)
    assert len(ids) == 200
    assert sorted(
        AttemptItem.objects.filter(pk__in=ids).values_list("position", flat=True)
    ) == list(range(1, 201))


def test_a_field_it_cannot_write_is_refused_when_the_statement_is_built():
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL's rows go as JSON, typed by rowsql")
    field = ImportRun._meta.get_field("data")  # a BinaryField
    with pytest.raises(TypeError, match="BinaryField"):
        insert_sql(ImportRun, (field,), 0, connection.alias)
