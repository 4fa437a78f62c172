"""Which of a course's topics are forgotten fastest after the course.

For each completer who has reached at least one checkpoint, and each of the
course's topics, the fall of mastery from the day of completion to the latest
checkpoint reached, divided by the days between them (the nightly snapshots,
so every topic separately, which LearningMeasure's mean cannot tell). The
ranking is the mean of those rates across completers, fastest fall first.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from ..models import RefresherDrill


@dataclass(frozen=True)
class TopicDecay:
    topic_id: int
    topic_name: str
    per_day: float  # mean fall of mastery per day (0 to 1 scale); negative: it rose
    at_completion: float
    at_checkpoint: float
    people: int
    min_people: int

    @property
    def too_few(self) -> bool:
        return self.people < self.min_people


def decay_ranking(data, *, least: int) -> list[TopicDecay]:
    """TopicDecay of each of the course's topics with figures, fastest fall first."""
    rates: dict[int, list[tuple[float, float, float]]] = {t: [] for t in data.topic_ids}
    for person_id in data.completed_on:
        reached = data.decay_days(person_id)
        if reached is None:
            continue
        completed, days = reached
        checkpoint = completed + timedelta(days=days)
        for topic_id in data.topic_ids:
            start = data.topic_mastery_on(person_id, topic_id, completed)
            end = data.topic_mastery_on(person_id, topic_id, checkpoint)
            if start is None or end is None:
                continue
            rates[topic_id].append(((start - end) / days, start, end))
    ranking = [
        TopicDecay(
            topic_id=topic_id,
            topic_name=data.topic_names.get(topic_id, ""),
            per_day=fmean(r[0] for r in values),
            at_completion=fmean(r[1] for r in values),
            at_checkpoint=fmean(r[2] for r in values),
            people=len(values),
            min_people=least,
        )
        for topic_id, values in rates.items()
        if values
    ]
    return sorted(ranking, key=lambda d: (-d.per_day, d.topic_name))


def refreshers_sent(course, today: date) -> dict[int, RefresherDrill]:
    """{topic: refresher drill sent today} of a course, for the ranking's buttons."""
    return {r.topic_id: r for r in RefresherDrill.objects.filter(course=course, day=today)}
