"""Writes of memory states (spaced repetition)."""

from datetime import datetime

from django.db import IntegrityError, transaction

from ..memory_model import review
from ..models import MemoryState
from .memory_rows import states_claimed, states_write


def memory_record_answer(
    *, person_id: int, question_id: int, rating: int, when: datetime, desired_retention: float
) -> MemoryState:
    """Move one person's memory of one question on by one answer. Two queries
    once the state exists; call it inside the transaction that saves the answer."""
    state = MemoryState.objects.filter(person_id=person_id, question_id=question_id).first()
    if state is not None:
        return _apply(state, rating=rating, when=when, desired_retention=desired_retention)
    state = MemoryState(
        person_id=person_id, question_id=question_id, due=when, desired_retention=desired_retention
    )
    try:
        # The first answer may race another (two tabs, two drills): the loser
        # reads the winner's state and applies its answer on top.
        with transaction.atomic():
            return _apply(state, rating=rating, when=when, desired_retention=desired_retention)
    except IntegrityError:
        state = MemoryState.objects.select_for_update().get(
            person_id=person_id, question_id=question_id
        )
        return _apply(state, rating=rating, when=when, desired_retention=desired_retention)


def _apply(state: MemoryState, *, rating: int, when: datetime, desired_retention: float):
    state.desired_retention = desired_retention
    review(state, rating=rating, when=when)
    state.save()
    return state


def memory_record_answers(
    *,
    person_id: int,
    answers: list[tuple[int, int, datetime]],
    desired_retention: float,
) -> list[MemoryState]:
    """Move one person's memory on by several answers at once: `answers` are
    (question id, FSRS rating, when answered). Two queries however many
    answers; call it inside a transaction. The rows are made (an existing one
    is kept) and locked by one statement, so a first answer racing another
    (two tabs, two drills) is applied on top of the other, never lost.
    Answers are applied in the order they were given; one given before the
    state's last review (an attempt finished after a later one) counts as
    given at that review."""
    if not answers:
        return []
    ordered = sorted(answers, key=lambda answer: answer[2])
    question_ids = sorted({question_id for question_id, _rating, _when in ordered})
    first_when = {}
    for question_id, _rating, when in ordered:
        first_when.setdefault(question_id, when)
    states = {
        state.question_id: state
        for state in states_claimed(
            person_id=person_id, due=first_when, desired_retention=desired_retention
        )
    }
    for question_id, rating, when in ordered:
        state = states[question_id]
        state.desired_retention = desired_retention
        if state.last_review is not None and when < state.last_review:
            when = state.last_review
        review(state, rating=rating, when=when)
    # Written back as one INSERT ... ON CONFLICT DO UPDATE: the rows exist and
    # are locked, and it costs a fraction of bulk_update's CASE per field.
    written = [states[question_id] for question_id in question_ids]
    states_write(written, update_fields=MEMORY_FIELDS)
    return written


MEMORY_FIELDS = [
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reviews",
    "lapses",
    "desired_retention",
]
