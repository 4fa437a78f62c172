"""Spaced repetition with FSRS (the maintained `fsrs` package).

A MemoryState row holds the fields of an fsrs.Card; reviewing one answer
costs about a millisecond, fine inside the request that saves the answer.
Bulk work (mastery over a whole organisation) uses `retrievability`, the
closed-form forgetting curve, instead of the Scheduler.
"""

from datetime import datetime
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

from .models import MemoryState


@lru_cache(maxsize=16)
def scheduler_for(desired_retention: float) -> Scheduler:
    # No fuzzing: the same answers give the same schedule, in tests and in reports.
    return Scheduler(desired_retention=round(desired_retention, 3), enable_fuzzing=False)


def _card(state: MemoryState) -> Card:
    return Card(
        card_id=state.question_id or 1,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def review(state: MemoryState, *, rating: int, when: datetime) -> MemoryState:
    """Apply one answer to a memory state (in place) and return it."""
    scheduler = scheduler_for(state.desired_retention)
    card, _log = scheduler.review_card(_card(state), Rating(rating), review_datetime=when)
    if state.last_review is not None and rating == Rating.Again and state.state == State.Review:
        state.lapses += 1
    state.state = card.state.value
    state.step = card.step
    state.stability = card.stability
    state.difficulty = card.difficulty
    state.due = card.due
    state.last_review = card.last_review
    state.reviews += 1
    return state


# The forgetting curve R(t) = (1 + FACTOR * t / S) ** DECAY of FSRS 6, from the
# model's public parameters (the 21st is the curve's decay), which Lianbing does
# not change per drill. tests/quizzes/test_mastery.py checks it against
# Scheduler.get_card_retrievability, so a change of the model upstream shows.
DECAY = -scheduler_for(0.9).parameters[20]
FACTOR = 0.9 ** (1 / DECAY) - 1


def retrievability(
    *, stability: float | None, last_review: datetime | None, now: datetime
) -> float:
    """Predicted probability of recall now (0 when never reviewed)."""
    if not stability or last_review is None:
        return 0.0
    elapsed_days = max(0.0, (now - last_review).total_seconds() / 86400)
    return (1 + FACTOR * elapsed_days / stability) ** DECAY
