"""Writes of memory states (spaced repetition)."""

from datetime import datetime

from ..models import MemoryState
from ..scheduling import review


def memory_record_answer(
    *, person_id: int, question_id: int, rating: int, when: datetime, desired_retention: float
) -> MemoryState:
    """Move one person's memory of one question on by one answer. Two queries;
    call it inside the transaction that saves the answer."""
    state = MemoryState.objects.filter(person_id=person_id, question_id=question_id).first()
    if state is None:
        state = MemoryState(
            person_id=person_id,
            question_id=question_id,
            due=when,
            desired_retention=desired_retention,
        )
    state.desired_retention = desired_retention
    review(state, rating=rating, when=when)
    state.save()
    return state
