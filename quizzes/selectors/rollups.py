"""Reads of the daily rollups (quizzes.models.rollups), for dashboards and
reports: they read rollup rows only, never answer rows, so their cost does not
grow with the number of answers."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db.models import Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from ..models import MasterySnapshot, PersonTopicDay, RollupRun, UnitTopicDay


def rollup_last_run() -> RollupRun | None:
    """The latest finished run: its `finished_at` is when the dashboards'
    figures were last computed. None before the first run."""
    return RollupRun.objects.filter(status=RollupRun.Status.DONE).order_by("-finished_at").first()


def rollup_latest_run() -> RollupRun | None:
    """The latest run whatever its status (running, done or failed), for the
    administrators' status line."""
    return RollupRun.objects.order_by("-started_at").first()


@dataclass(frozen=True)
class TrendPoint:
    """One month of a subtree: in one topic, or in all of them (topic_id None)."""

    month: date  # the first of the month
    topic_id: int | None
    people: int  # person-days with a mastery figure behind `mastery`
    mastery_sum: float
    answers: int
    score_sum: float

    @property
    def mastery(self) -> float | None:
        """Mean mastery over the month's person-days, 0 to 1."""
        return self.mastery_sum / self.people if self.people else None

    @property
    def accuracy(self) -> float | None:
        """Mean score of the month's answers, 0 to 1."""
        return self.score_sum / self.answers if self.answers else None


def _months_back(until: date, months: int) -> date:
    first = until.replace(day=1)
    year, month = divmod(first.year * 12 + first.month - 1 - (months - 1), 12)
    return date(year, month + 1, 1)


def unit_trend(
    units, *, until: date | None = None, months: int = 12, topic_ids=None
) -> list[TrendPoint]:
    """Month by month over the last `months` months up to `until` (today), for
    the subtrees of `units` (an OrgUnit or several: a manager's units): one
    point per month and topic, then one per month for all topics (topic_id
    None), oldest first. One query."""
    units = [units] if hasattr(units, "path") else list(units)
    if not units:
        return []
    until = until or timezone.localdate()
    subtree = reduce(or_, (Q(unit__path__startswith=unit.path) for unit in units))
    rows = UnitTopicDay.objects.filter(
        subtree, date__gte=_months_back(until, months), date__lte=until
    )
    if topic_ids is not None:
        rows = rows.filter(topic_id__in=list(topic_ids))
    rows = (
        rows.annotate(month=TruncMonth("date"))
        .values("month", "topic_id")
        .annotate(
            people_=Sum("people"),
            mastery_sum_=Sum("mastery_sum"),
            answers_=Sum("answers"),
            score_sum_=Sum("score_sum"),
        )
        .order_by("month", "topic_id")
    )
    points, overall = [], defaultdict(lambda: [0, 0.0, 0, 0.0])
    for row in rows:
        values = (row["people_"], row["mastery_sum_"], row["answers_"], row["score_sum_"])
        points.append(TrendPoint(row["month"], row["topic_id"], *values))
        total = overall[row["month"]]
        for index, value in enumerate(values):
            total[index] += value or 0
    points.extend(TrendPoint(month, None, *total) for month, total in overall.items())
    return sorted(points, key=lambda p: (p.month, p.topic_id is not None, p.topic_id or 0))


def mastery_heatmap(person_ids, *, day: date | None = None) -> dict[int, dict[int, float]]:
    """{person: {topic: mastery}}: each person's latest snapshot per topic on or
    before `day` (today), in one query. Snapshots older than the latest full
    run's day are not read: that run took a snapshot of everyone with a memory
    state, so an older one is of a topic the person no longer holds."""
    day = day or timezone.localdate()
    floor = (
        RollupRun.objects.filter(
            kind=RollupRun.Kind.FULL, status=RollupRun.Status.DONE, day__lte=day
        )
        .order_by("-day")
        .values("day")[:1]
    )
    rows = (
        MasterySnapshot.objects.filter(person_id__in=list(person_ids), date__lte=day)
        .filter(date__gte=Coalesce(Subquery(floor), Value(date(1, 1, 1))))
        .order_by("person_id", "topic_id", "-date")
        .values_list("person_id", "topic_id", "mastery")
    )
    grid: dict[int, dict[int, float]] = defaultdict(dict)
    for person_id, topic_id, mastery in rows:
        grid[person_id].setdefault(topic_id, mastery)
    return dict(grid)


@dataclass(frozen=True)
class AnswerTotal:
    answers: int
    score_sum: float

    @property
    def accuracy(self) -> float | None:
        return self.score_sum / self.answers if self.answers else None


def person_answer_totals(
    person_ids, *, since: date, until: date | None = None, topic_ids=None
) -> dict[int, AnswerTotal]:
    """{person: AnswerTotal} of the answers given from `since` to `until`
    (today), both days included, from the daily rows. People without answers
    are left out. One query."""
    until = until or timezone.localdate()
    rows = PersonTopicDay.objects.filter(
        person_id__in=list(person_ids), date__gte=since, date__lte=until
    )
    if topic_ids is not None:
        rows = rows.filter(topic_id__in=list(topic_ids))
    totals = rows.values("person_id").annotate(a=Sum("answers"), s=Sum("score_sum")).order_by()
    return {row["person_id"]: AnswerTotal(row["a"], row["s"]) for row in totals}


def last_days(days: int, *, until: date | None = None) -> tuple[date, date]:
    """(first, last) day of the `days` days up to `until` (today), for the period
    arguments above."""
    until = until or timezone.localdate()
    return until - timedelta(days=days - 1), until
