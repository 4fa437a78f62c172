"""The two clocks of an attempt (see attempts): the attempt's deadline, and
each question's own time, both with the one grace for network lag."""

from datetime import datetime, timedelta

from ..conf import quizzes_settings
from ..models import AttemptItem, Drill


def deadline_of(drill: Drill, started: datetime) -> datetime | None:
    """The attempt's own end: the drill's time limit. Seconds per question do
    not make one: each question's clock starts only when it is shown."""
    return started + timedelta(seconds=drill.time_limit) if drill.time_limit else None


def grace() -> timedelta:
    return timedelta(seconds=quizzes_settings.ANSWER_GRACE_SECONDS)


def late(limit: datetime | None, now: datetime) -> bool:
    """The one grace rule of every path: on time up to the limit plus the grace."""
    return limit is not None and now > limit + grace()


def question_ends_at(item: AttemptItem, drill: Drill | None) -> datetime | None:
    """When a question's own time runs out (the grace not counted), or None
    when it has none or has not been shown yet."""
    per_question = drill.time_per_question if drill else None
    if not per_question or item.shown_at is None:
        return None
    return item.shown_at + timedelta(seconds=per_question)


def question_timed_out(item: AttemptItem, drill: Drill | None, now: datetime) -> bool:
    """An unanswered question whose own time (and the grace) has run out:
    it stays unanswered, and the attempt goes on."""
    return item.answered_at is None and late(question_ends_at(item, drill), now)
