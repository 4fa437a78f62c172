"""An answer and a finish of the same attempt at the same moment: the answer
is either counted by the finish (score and memory model) or refused as
"finished", never kept and left out. Row locks need a real server, so these
run on PostgreSQL (CI's second run); SQLite writes one statement at a time."""

import threading

import pytest
from django.db import connection, transaction

from quizzes.models import Attempt, AttemptItem, AttemptStatus, MemoryState
from quizzes.presentation import item_seed, solution
from quizzes.services import AttemptRefused, answer_save, attempt_finish, attempt_start
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (set DATABASE_URL)")


def right(attempt, position):
    item = attempt.items.get(position=position)
    return solution(
        qtype=item.question.qtype,
        stem="",
        payload=item.version.payload,
        general_feedback="",
        seed=item_seed(attempt.seed, position),
        shuffle=attempt.drill.shuffle_choices,
    )["correct"][0]


def in_thread(target):
    outcome = []

    def run():
        try:
            outcome.append(target())
        except AttemptRefused as refused:
            outcome.append(refused.code)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_an_answer_sent_during_a_finish_waits_and_is_refused(org, trainee):
    attempt = attempt_start(drill=drill_make([question_make(), question_make()]), person=trainee)
    choice = right(attempt, 1)
    with transaction.atomic():
        # A finish in progress: the attempt's row is locked for update.
        Attempt.objects.select_for_update().get(pk=attempt.pk)
        thread, outcome = in_thread(
            lambda: answer_save(
                attempt_id=attempt.pk, position=1, user=trainee.user, response={"choice": choice}
            )
        )
        thread.join(timeout=1)
        assert thread.is_alive() and not outcome  # it waits for the finish
        Attempt.objects.filter(pk=attempt.pk).update(status=AttemptStatus.FINISHED)
    thread.join(timeout=10)
    assert outcome == ["finished"]
    assert AttemptItem.objects.get(attempt=attempt, position=1).answered_at is None


def test_a_finish_waits_for_an_answer_being_written_and_counts_it(org, trainee):
    question = question_make()
    attempt = attempt_start(drill=drill_make([question]), person=trainee)
    choice = right(attempt, 0)
    with transaction.atomic():
        # An answer being written: the same statement answer_save runs, kept open.
        answer_save(
            attempt_id=attempt.pk, position=0, user=trainee.user, response={"choice": choice}
        )
        thread, outcome = in_thread(lambda: attempt_finish(attempt_id=attempt.pk, person=trainee))
        thread.join(timeout=1)
        assert thread.is_alive() and not outcome  # the finish waits for the answer
    thread.join(timeout=10)
    assert len(outcome) == 1 and outcome[0].score == 1.0
    assert MemoryState.objects.get(person=trainee, question=question).reviews == 1


def test_two_answers_of_one_attempt_do_not_wait_for_each_other(org, trainee):
    attempt = attempt_start(drill=drill_make([question_make(), question_make()]), person=trainee)
    choices = right(attempt, 0), right(attempt, 1)
    with transaction.atomic():
        answer_save(
            attempt_id=attempt.pk, position=0, user=trainee.user, response={"choice": choices[0]}
        )
        thread, outcome = in_thread(
            lambda: answer_save(
                attempt_id=attempt.pk,
                position=1,
                user=trainee.user,
                response={"choice": choices[1]},
            )
        )
        thread.join(timeout=10)
        assert not thread.is_alive() and outcome[0].grade.score == 1.0
