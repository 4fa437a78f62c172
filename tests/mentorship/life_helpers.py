"""Pairs at each stage of their life, for the tests of tests/mentorship/test_life_*."""

import datetime

from django.utils import timezone

from mentorship.services.agreements import GoalInput, agreement_acknowledge, agreement_update
from tests.factories import TopicFactory


def goals_of(*topics, days=30):
    due = timezone.localdate() + datetime.timedelta(days=days)
    return [GoalInput(topic=topic, due_on=due, notes="") for topic in topics]


def pair_activate(pair, by_user, *, topics=None):
    """Agree one goal (or the given topics) and acknowledge it on both sides."""
    agreement_update(
        pair=pair, by_user=by_user, notes="每週一次", goals=goals_of(*(topics or [TopicFactory()]))
    )
    agreement_acknowledge(pair=pair, by_user=pair.mentor.user)
    agreement_acknowledge(pair=pair, by_user=pair.mentee.user)
    pair.refresh_from_db()
    return pair
