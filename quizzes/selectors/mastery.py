"""Mastery per person and topic: predicted recall (FSRS) and recent accuracy.

Computed in bulk, in two queries for any number of people: one over memory
states, one aggregate over recent answers. Daily snapshots keep the history
so that any two dates can be compared.

Two kinds of figure, then, and they differ on the same day:

- live (`mastery_grid`): worked out now. It moves during the day as people
  drill, and falls slowly between drills as predicted recall decays.
- the nightly snapshot (`mastery_on`, written by the
  `quizzes.take_mastery_snapshots` schedule late each evening): the figure
  at the end of a past day. Until tonight's snapshot is taken, the latest
  one on or before today is yesterday's (or older), so it knows nothing of
  today's drills. `mastery_changes` therefore takes today's figure live.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count
from django.utils import timezone

from ..conf import quizzes_settings
from ..memory_model import retrievability
from ..models import AttemptItem, MasterySnapshot, MemoryState, Topic


@dataclass(frozen=True)
class TopicMastery:
    topic_id: int
    recall: float | None  # mean predicted recall now, 0 to 1
    accuracy: float | None  # mean score of recent answers, 0 to 1
    answers: int

    @property
    def mastery(self) -> float:
        """Half what the memory model predicts, half what the person recently showed;
        whichever is known when only one is."""
        known = [value for value in (self.recall, self.accuracy) if value is not None]
        return sum(known) / len(known) if known else 0.0


def mastery_grid(
    person_ids: list[int], *, now: datetime | None = None
) -> dict[int, dict[int, TopicMastery]]:
    """{person_id: {topic_id: TopicMastery}} for everyone in person_ids."""
    now = now or timezone.now()
    recall_sum: dict[tuple[int, int], list[float]] = defaultdict(list)
    states = MemoryState.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "question__topic_id", "stability", "last_review"
    )
    for person_id, topic_id, stability, last_review in states:
        recall_sum[(person_id, topic_id)].append(
            retrievability(stability=stability, last_review=last_review, now=now)
        )
    since = now - timedelta(days=quizzes_settings.ACCURACY_WINDOW_DAYS)
    accuracy = {
        (row["attempt__person_id"], row["question__topic_id"]): row
        for row in AttemptItem.objects.filter(
            attempt__person_id__in=person_ids, answered_at__gte=since, answered_at__lte=now
        )
        .values("attempt__person_id", "question__topic_id")
        .annotate(mean=Avg("score"), answers=Count("id"))
    }
    grid: dict[int, dict[int, TopicMastery]] = defaultdict(dict)
    for key in set(recall_sum) | set(accuracy):
        person_id, topic_id = key
        values = recall_sum.get(key)
        row = accuracy.get(key)
        grid[person_id][topic_id] = TopicMastery(
            topic_id=topic_id,
            recall=sum(values) / len(values) if values else None,
            accuracy=row["mean"] if row else None,
            answers=row["answers"] if row else 0,
        )
    return dict(grid)


def mastery_of(person, *, now: datetime | None = None) -> dict[int, TopicMastery]:
    return mastery_grid([person.pk], now=now).get(person.pk, {})


def weak_topics(
    person, *, limit: int = 3, now: datetime | None = None
) -> list[tuple[Topic, float]]:
    """The person's weakest topics now, weakest first."""
    mastery = mastery_of(person, now=now)
    weakest = sorted(mastery.values(), key=lambda m: m.mastery)[:limit]
    topics = Topic.objects.in_bulk([m.topic_id for m in weakest])
    return [(topics[m.topic_id], m.mastery) for m in weakest]


def mastery_by_topic(person, *, now: datetime | None = None) -> list[tuple[Topic, TopicMastery]]:
    """The person's live mastery of every topic they have drilled, weakest first
    (three queries whatever the number of topics)."""
    mastery = mastery_of(person, now=now)
    topics = Topic.objects.in_bulk(list(mastery))
    rows = [(topics[tid], m) for tid, m in mastery.items() if tid in topics]
    return sorted(rows, key=lambda row: (row[1].mastery, row[0].name))


def mastery_on(person_ids: list[int], day: date) -> dict[int, dict[int, float]]:
    """The snapshot of each person's mastery on a given day (the latest one on or before it)."""
    rows = (
        MasterySnapshot.objects.filter(person_id__in=person_ids, date__lte=day)
        .order_by("person_id", "topic_id", "-date")
        .values_list("person_id", "topic_id", "mastery", "date")
    )
    result: dict[int, dict[int, float]] = defaultdict(dict)
    for person_id, topic_id, mastery, _day in rows:
        result[person_id].setdefault(topic_id, mastery)
    return dict(result)


def mastery_changes(
    person_ids: list[int], before: date, after: date, *, now: datetime | None = None
) -> dict[int, dict[int, tuple[float | None, float | None]]]:
    """{person: {topic: (mastery on `before`, mastery on `after`)}}: past days
    from the nightly snapshots, today (or later) live, so that today's figure
    is the same as the live grid's."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if after < today:
        return mastery_compare(person_ids, before, after)
    first = mastery_on(person_ids, before) if before < today else None
    live = mastery_grid(person_ids, now=now)
    second = {pid: {tid: m.mastery for tid, m in topics.items()} for pid, topics in live.items()}
    if first is None:
        first = second
    return _paired(first, second)


def _paired(first: dict, second: dict) -> dict[int, dict[int, tuple]]:
    """{person: {topic: m}} twice -> {person: {topic: (first m, second m)}}."""
    result: dict[int, dict[int, tuple]] = {}
    for person_id in set(first) | set(second):
        topics = set(first.get(person_id, {})) | set(second.get(person_id, {}))
        result[person_id] = {
            t: (first.get(person_id, {}).get(t), second.get(person_id, {}).get(t)) for t in topics
        }
    return result


def mastery_compare(
    person_ids: list[int], before: date, after: date
) -> dict[int, dict[int, tuple[float | None, float | None]]]:
    """{person: {topic: (mastery before, mastery after)}} from the daily snapshots."""
    first, second = mastery_on(person_ids, before), mastery_on(person_ids, after)
    return _paired(first, second)


def mastery_series(
    person_ids, topic_ids, *, until: date
) -> dict[int, dict[int, list[tuple[date, float]]]]:
    """{person: {topic: [(day, mastery), ...] oldest first}} from the nightly
    snapshots up to `until`, in one query, so that a caller comparing many
    people over many different periods reads the history once and looks up
    any day itself (see `mastery_at`)."""
    rows = (
        MasterySnapshot.objects.filter(
            person_id__in=list(person_ids), topic_id__in=list(topic_ids), date__lte=until
        )
        .order_by("person_id", "topic_id", "date")
        .values_list("person_id", "topic_id", "date", "mastery")
    )
    series: dict[int, dict[int, list[tuple[date, float]]]] = defaultdict(lambda: defaultdict(list))
    for person_id, topic_id, day, mastery in rows.iterator(chunk_size=5000):
        series[person_id][topic_id].append((day, mastery))
    return series


def mastery_at(points: list[tuple[date, float]], day: date) -> float | None:
    """The mastery of a `mastery_series` list on `day`: the latest snapshot on or
    before it, None before the first."""
    index = bisect_right(points, (day, float("inf")))
    return points[index - 1][1] if index else None
