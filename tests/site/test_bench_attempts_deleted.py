"""bench_setup deletes the morning drill's earlier attempts a few thousand at
a time: after a capacity run, one delete of all of them named more items than
PostgreSQL takes parameters in a statement."""

import pytest

from quizzes.models import Attempt, AttemptItem
from quizzes.services import attempt_start
from tests.bench.benchapp import cleanup
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


def test_every_attempt_goes_chunk_by_chunk(org, monkeypatch):
    drill = drill_make([question_make(stem=f"問題{i}") for i in range(2)])
    for _ in range(5):
        attempt_start(drill=drill, person=PersonFactory(unit=org["pudong_team"]))
    other = attempt_start(
        drill=drill_make([question_make(stem="別的")], title="別的"),
        person=PersonFactory(unit=org["pudong_team"]),
    )
    deleted = []
    real_delete = Attempt.objects.filter(pk__in=[]).delete.__func__

    def counted(queryset):
        deleted.append(queryset.count())
        return real_delete(queryset)

    monkeypatch.setattr(cleanup, "ATTEMPTS_DELETED_AT_ONCE", 2)
    monkeypatch.setattr(type(Attempt.objects.none()), "delete", counted)
    cleanup.attempts_delete(Attempt.objects.filter(drill=drill))
    assert deleted == [2, 2, 1]
    assert list(Attempt.objects.all()) == [other]
    assert AttemptItem.objects.filter(attempt__drill=drill).count() == 0
