"""The memory model (quizzes.memory_model) against the fsrs package it wraps."""

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, State

from quizzes.memory_model import DECAY, FACTOR, retrievability, review, scheduler_for
from quizzes.models import MemoryState

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("stability", [0.5, 3.0, 40.0])
@pytest.mark.parametrize("days", [0, 1, 7, 90])
def test_the_forgetting_curve_is_fsrs_own(stability, days):
    """Mastery of a whole organisation uses the closed-form curve instead of fsrs's
    Scheduler; it must give the Scheduler's numbers. If this fails, fsrs changed
    its model: check the curve in quizzes/memory_model.py against fsrs's
    Scheduler.get_card_retrievability."""
    card = Card(state=State.Review, stability=stability, difficulty=5.0, last_review=START)
    now = START + timedelta(days=days)
    expected = scheduler_for(0.9).get_card_retrievability(card, current_datetime=now)
    ours = retrievability(stability=stability, last_review=START, now=now)
    assert ours == pytest.approx(expected, rel=1e-12)


def test_the_curve_constants():
    assert DECAY < 0 and FACTOR > 0
    # By the curve's definition, one stability after the review recall is 90 %.
    assert retrievability(stability=5.0, last_review=START, now=START + timedelta(days=5)) == (
        pytest.approx(0.9)
    )


def test_recall_falls_with_time_and_is_zero_before_any_review():
    times = [START + timedelta(hours=h) for h in (0, 12, 36, 240)]
    values = [retrievability(stability=2.0, last_review=START, now=t) for t in times]
    assert values[0] == 1.0
    assert values == sorted(values, reverse=True) and len(set(values)) == 4
    assert retrievability(stability=None, last_review=START, now=START) == 0.0
    assert retrievability(stability=0.0, last_review=START, now=START) == 0.0
    assert retrievability(stability=2.0, last_review=None, now=START) == 0.0
    # A clock behind the last review counts as no time passed.
    assert retrievability(stability=2.0, last_review=START, now=START - timedelta(days=3)) == 1.0


def _state(**fields):
    values = {"question_id": 7, "due": START, "desired_retention": 0.9, **fields}
    return MemoryState(**values)


def test_a_review_moves_the_state_as_fsrs_does():
    state = _state()
    scheduler = scheduler_for(0.9)
    card, _log = scheduler.review_card(
        Card(card_id=7, due=START), Rating.Good, review_datetime=START
    )
    assert review(state, rating=Rating.Good, when=START) is state
    assert (state.state, state.step, state.stability, state.difficulty, state.due) == (
        card.state.value,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
    )
    assert state.last_review == START and state.reviews == 1 and state.lapses == 0


def test_forgetting_a_card_in_review_counts_a_lapse_and_only_then():
    state = _state()
    review(state, rating=Rating.Easy, when=START)
    assert state.state == State.Review
    later = START + timedelta(days=30)
    review(state, rating=Rating.Good, when=later)
    assert (state.reviews, state.lapses) == (2, 0)
    review(state, rating=Rating.Again, when=later + timedelta(days=60))
    assert (state.reviews, state.lapses) == (3, 1)
    assert state.state == State.Relearning
    # Forgetting again while relearning is not a second lapse.
    review(state, rating=Rating.Again, when=later + timedelta(days=60, minutes=5))
    assert (state.reviews, state.lapses) == (4, 1)
    # Back in review and forgotten again: a second lapse.
    while state.state != State.Review:
        review(state, rating=Rating.Good, when=state.due)
    review(state, rating=Rating.Again, when=state.due + timedelta(days=90))
    assert state.lapses == 2


def test_a_series_of_answers_follows_fsrs_card_by_card():
    """The state kept in the database, turned back into a card at each answer,
    schedules exactly as one fsrs Card carried through the same answers."""
    state, card = _state(), Card(card_id=7, due=START)
    scheduler = scheduler_for(0.9)
    when = START
    for rating in (Rating.Good, Rating.Good, Rating.Hard, Rating.Again, Rating.Good, Rating.Easy):
        review(state, rating=rating, when=when)
        card, _log = scheduler.review_card(card, rating, review_datetime=when)
        assert (state.state, state.step, state.due, state.last_review) == (
            card.state.value,
            card.step,
            card.due,
            card.last_review,
        )
        assert state.stability == pytest.approx(card.stability)
        assert state.difficulty == pytest.approx(card.difficulty)
        when = card.due + timedelta(days=2)


def test_a_first_answer_of_again_is_no_lapse():
    state = _state()
    review(state, rating=Rating.Again, when=START)
    assert (state.reviews, state.lapses, state.state) == (1, 0, State.Learning)


def test_the_desired_retention_sets_the_interval():
    eager, relaxed = _state(desired_retention=0.95), _state(desired_retention=0.8)
    for state in (eager, relaxed):
        review(state, rating=Rating.Easy, when=START)
        review(state, rating=Rating.Good, when=START + timedelta(days=10))
    assert eager.due < relaxed.due
    # No fuzzing: the same answers give the same schedule.
    again = _state(desired_retention=0.95)
    review(again, rating=Rating.Easy, when=START)
    review(again, rating=Rating.Good, when=START + timedelta(days=10))
    assert again.due == eager.due
