"""Writes of memory states (spaced repetition)."""

from datetime import datetime

from django.db import IntegrityError, transaction

from ..memory_model import review
from ..models import MemoryState


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
