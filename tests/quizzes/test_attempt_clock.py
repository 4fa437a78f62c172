"""The drill's clocks: one grace rule on every path, a question's own time that
closes only that question, and recall cards rated only after their answer
was shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import Attempt, AttemptStatus
from quizzes.services import (
    AttemptRefused,
    answer_save,
    attempt_finish,
    attempt_start,
    attempts_close_overdue,
    item_open,
    item_reveal,
)
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db

GRACE = 5
JUST_LATE = timedelta(seconds=GRACE, microseconds=1)
JUST_IN = timedelta(seconds=GRACE)
RECALL = {"back": "三年期：**2.6%**"}


@pytest.fixture(autouse=True)
def grace(settings):
    settings.QUIZZES_ANSWER_GRACE_SECONDS = GRACE


@pytest.fixture
def timed(org):
    """Three questions, a minute for the whole drill."""
    return drill_make([question_make(stem=f"題{i}") for i in range(3)], time_limit=60)


def choose(attempt, position, person, now):
    return answer_save(
        attempt_id=attempt.pk,
        position=position,
        user=person.user,
        response={"choice": 0},
        now=now,
    )


# One grace rule: at the deadline plus the grace an attempt is still on time on
# every path; a microsecond later it is late on every path.


def test_an_answer_in_the_grace_is_taken_and_one_after_it_refused(timed, trainee):
    attempt = attempt_start(drill=timed, person=trainee)
    choose(attempt, 0, trainee, attempt.deadline + JUST_IN)
    with pytest.raises(AttemptRefused) as refused:
        choose(attempt, 1, trainee, attempt.deadline + JUST_LATE)
    assert refused.value.code == "too_late"


@pytest.mark.parametrize(
    "after, status", [(JUST_IN, AttemptStatus.FINISHED), (JUST_LATE, AttemptStatus.EXPIRED)]
)
def test_handing_in_follows_the_same_grace(timed, trainee, after, status):
    attempt = attempt_start(drill=timed, person=trainee)
    finished = attempt_finish(attempt_id=attempt.pk, person=trainee, now=attempt.deadline + after)
    assert finished.status == status


@pytest.mark.parametrize("after, closed", [(JUST_IN, 0), (JUST_LATE, 1)])
def test_the_sweep_follows_the_same_grace(timed, trainee, after, closed):
    attempt = attempt_start(drill=timed, person=trainee)
    assert attempts_close_overdue(now=attempt.deadline + after) == closed
    attempt.refresh_from_db()
    assert attempt.status == (AttemptStatus.EXPIRED if closed else AttemptStatus.IN_PROGRESS)


@pytest.mark.parametrize("after, resumed", [(JUST_IN, True), (JUST_LATE, False)])
def test_a_reload_follows_the_same_grace(timed, trainee, after, resumed):
    attempt = attempt_start(drill=timed, person=trainee)
    again = attempt_start(drill=timed, person=trainee, now=attempt.deadline + after)
    assert (again.pk == attempt.pk) is resumed
    attempt.refresh_from_db()
    assert attempt.status == (AttemptStatus.IN_PROGRESS if resumed else AttemptStatus.EXPIRED)


def test_a_question_s_own_time_follows_the_same_grace(org, trainee):
    drill = drill_make([question_make(), question_make()], time_per_question=20)
    attempt = attempt_start(drill=drill, person=trainee)
    shown = timezone.now()
    for position in (0, 1):
        item_open(attempt_id=attempt.pk, position=position, user=trainee.user, now=shown)
    own_time = timedelta(seconds=20)
    choose(attempt, 0, trainee, shown + own_time + JUST_IN)
    with pytest.raises(AttemptRefused) as refused:
        choose(attempt, 1, trainee, shown + own_time + JUST_LATE)
    assert refused.value.code == "question_time_up"


# A question's own time closes that question only.


@pytest.fixture
def per_question(org):
    """Three questions of 20 seconds each, no time for the whole drill."""
    return drill_make([question_make(stem=f"題{i}") for i in range(3)], time_per_question=20)


def test_a_late_answer_leaves_the_question_unanswered_and_the_attempt_going(per_question, trainee):
    attempt = attempt_start(drill=per_question, person=trainee)
    now = timezone.now()
    item_open(attempt_id=attempt.pk, position=0, user=trainee.user, now=now)
    late = now + timedelta(seconds=30)
    with pytest.raises(AttemptRefused) as refused:
        choose(attempt, 0, trainee, late)
    assert refused.value.code == "question_time_up"
    assert "此題時間到" in refused.value.message
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.items.get(position=0).answered_at is None

    item_open(attempt_id=attempt.pk, position=1, user=trainee.user, now=late)
    assert choose(attempt, 1, trainee, late + timedelta(seconds=3)).item.answered_at
    finished = attempt_finish(
        attempt_id=attempt.pk, person=trainee, now=late + timedelta(seconds=4)
    )
    assert finished.status == AttemptStatus.FINISHED


def test_each_question_s_clock_starts_when_it_is_shown(per_question, trainee):
    """Three questions of 20 s: a trainee who reads each result for a while still
    gets the third question's full 20 s, long after 3 x 20 s from the start."""
    attempt = attempt_start(drill=per_question, person=trainee)
    start = attempt.started_at
    for position in range(3):
        shown = start + timedelta(seconds=40 * position)
        item_open(attempt_id=attempt.pk, position=position, user=trainee.user, now=shown)
        choose(attempt, position, trainee, shown + timedelta(seconds=19))
    assert attempt.items.filter(answered_at__isnull=False).count() == 3
    finished = attempt_finish(
        attempt_id=attempt.pk, person=trainee, now=start + timedelta(seconds=100)
    )
    assert finished.status == AttemptStatus.FINISHED


def test_the_whole_drill_s_time_still_ends_the_attempt(org, trainee):
    drill = drill_make([question_make()], time_per_question=20, time_limit=30)
    attempt = attempt_start(drill=drill, person=trainee)
    assert attempt.deadline == attempt.started_at + timedelta(seconds=30)


# Recall cards: the answer is shown first, then rated.


@pytest.fixture
def cards(org):
    return drill_make(
        [question_make(qtype="recall", stem="三年期定存利率？", payload=RECALL), question_make()]
    )


def rate(attempt, person, rating=3, position=0):
    return answer_save(
        attempt_id=attempt.pk, position=position, user=person.user, response={"rating": rating}
    )


def test_a_rating_before_the_answer_was_shown_is_refused(cards, trainee):
    attempt = attempt_start(drill=cards, person=trainee)
    item_open(attempt_id=attempt.pk, position=0, user=trainee.user)
    with pytest.raises(AttemptRefused) as refused:
        rate(attempt, trainee)
    assert refused.value.code == "not_revealed"
    assert "請先顯示答案" in refused.value.message
    item = attempt.items.get(position=0)
    assert item.answered_at is None and item.score is None


def test_a_rating_after_the_answer_was_shown_is_saved(cards, trainee):
    attempt = attempt_start(drill=cards, person=trainee)
    when = timezone.now()
    revealed = item_reveal(attempt_id=attempt.pk, position=0, user=trainee.user, now=when)
    assert revealed.revealed_at == when
    assert rate(attempt, trainee, rating=4).grade.score == 1
    # Shown again (a reload): the first time stays.
    again = item_reveal(
        attempt_id=attempt.pk, position=0, user=trainee.user, now=when + timedelta(seconds=9)
    )
    assert again.revealed_at == when
    assert attempt.items.get(position=0).revealed_at == when


def test_only_a_recall_card_has_an_answer_to_show(cards, trainee):
    attempt = attempt_start(drill=cards, person=trainee)
    with pytest.raises(AttemptRefused) as refused:
        item_reveal(attempt_id=attempt.pk, position=1, user=trainee.user)
    assert refused.value.code == "invalid"
    assert attempt.items.get(position=1).revealed_at is None


def test_nobody_else_reveals_a_card(cards, trainee, manager):
    attempt = attempt_start(drill=cards, person=trainee)
    with pytest.raises(AttemptRefused) as refused:
        item_reveal(attempt_id=attempt.pk, position=0, user=manager.user)
    assert refused.value.code == "not_found"


def test_a_finished_attempt_reveals_nothing(cards, trainee):
    attempt = attempt_start(drill=cards, person=trainee)
    attempt_finish(attempt_id=attempt.pk, person=trainee)
    with pytest.raises(AttemptRefused) as refused:
        item_reveal(attempt_id=attempt.pk, position=0, user=trainee.user)
    assert refused.value.code == "finished"
    assert not Attempt.objects.filter(items__revealed_at__isnull=False).exists()
