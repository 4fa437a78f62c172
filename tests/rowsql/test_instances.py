"""rowsql makes the instance of a row as Model.from_db does, without
Model.__init__ where nothing could tell the difference."""

import pytest
from django.db import connection
from django.db.models.signals import post_init, pre_init

from courses.models import CoursePage
from quizzes.models import Attempt, AttemptItem, Drill
from quizzes.services import attempt_start
from rowsql import table
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def _row(model, pk):
    each = table(model, "t", connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(each.columns)} FROM {model._meta.db_table} t "  # noqa: S608
            f"WHERE t.{model._meta.pk.column} = %s",
            [pk],
        )
        return each, cursor.fetchone()


@pytest.fixture
def item(org, trainee):
    drill = drill_make([question_make(stem="問題")], time_limit=60)
    attempt = attempt_start(drill=drill, person=trainee)
    return AttemptItem.objects.get(attempt=attempt)


@pytest.mark.parametrize("model", [AttemptItem, Attempt, Drill])
def test_a_plain_instance_is_what_from_db_makes(item, model):
    pk = {AttemptItem: item.pk, Attempt: item.attempt_id, Drill: item.attempt.drill_id}[model]
    each, row = _row(model, pk)
    assert each.plain
    made = each.instance(connection.alias, row)
    expected = model.objects.get(pk=pk)
    assert type(made) is model
    assert made.__dict__.keys() - {"_state"} == expected.__dict__.keys() - {"_state"}
    for name in each.names:
        assert getattr(made, name) == getattr(expected, name), name
    assert made._state.adding is False and made._state.db == connection.alias
    assert made == expected


@pytest.mark.parametrize("signal", [pre_init, post_init])
def test_model_init_runs_when_someone_listens(item, signal):
    each, row = _row(AttemptItem, item.pk)
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    signal.connect(listener, sender=AttemptItem)
    try:
        made = each.instance(connection.alias, row)
    finally:
        signal.disconnect(listener, sender=AttemptItem)
    assert heard == [AttemptItem]
    assert made == item and made._state.adding is False


def test_a_model_whose_fields_convert_what_is_set_is_made_by_from_db():
    # A page's StreamField turns its raw value into a StreamValue when set.
    assert not table(CoursePage, "t", connection.alias).plain
