"""Measured mastery for the mentoring tests: memory states whose predicted
recall is high (just reviewed, very stable) or low (long ago, fragile)."""

from datetime import timedelta

from django.utils import timezone

from quizzes.models import MemoryState
from tests.factories import question_make


def measured(person, topic, *, strong: bool):
    now = timezone.now()
    question = question_make(topic=topic, stem=f"{topic.name}題{MemoryState.objects.count()}")
    return MemoryState.objects.create(
        person=person,
        question=question,
        due=now + timedelta(days=1),
        stability=1000.0 if strong else 0.1,
        last_review=now if strong else now - timedelta(days=60),
        reviews=1,
    )
