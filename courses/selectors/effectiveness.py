"""Course effectiveness for trainers: per course and cohort (month of
completion), the four levels side by side, each with the number of people
behind it and, for learning and results, a comparison group.

- reaction: mean rating of the reaction survey (1 to 5) and how many answered;
- learning: mean mastery of the course's topics before the course, at
  completion and at each checkpoint (LearningMeasure), and now (the nightly
  snapshots); the change from before, beside the comparison group's change of
  the same topics over the same dates;
- behaviour: the share of the observations made at the checkpoints that saw
  a change, per checkpoint and overall;
- results: for each active business measure, the change from the month
  before the cohort's month to the latest month after it with figures,
  beside the comparison group's change over the same months.

The comparison group of a cohort: the people in the viewer's scope who have
not completed the course, with the grade and the set of roles of one of the
cohort's completers, hired before the period, with figures at both ends of
the period compared (that is what "active in the same period" means here).
Dates for the comparison: before = the day before the cohort's month; at
completion = the month's last day; a checkpoint of N days = that day + N.
"""

from dataclasses import dataclass
from datetime import date
from statistics import fmean

from django.utils import timezone

from ..conf import courses_settings
from ..models import CoursePage
from .effectiveness_data import (
    BEFORE,
    COMPLETION,
    NOW,
    CourseData,
    comparison_people,
    course_data,
    month_before,
)
from .effectiveness_decay import TopicDecay, decay_ranking

__all__ = ["BEFORE", "COMPLETION", "NOW", "comparison_people", "course_effectiveness"]


@dataclass(frozen=True)
class Figure:
    """A mean over `people` people; too_few below the setting's minimum."""

    value: float | None
    people: int
    min_people: int

    @property
    def too_few(self) -> bool:
        return self.people < self.min_people


def figure_of(values: list[float], least: int) -> Figure:
    return Figure(fmean(values) if values else None, len(values), least)


@dataclass(frozen=True)
class LearningRow:
    point: int | str  # -1, 0, days after completion, or "now"
    on: date  # the comparison group's day
    mastery: Figure
    change: Figure | None  # from before; None for the before row
    comparison: Figure
    comparison_change: Figure | None


@dataclass(frozen=True)
class BehaviourRow:
    checkpoint: int | None  # None: every checkpoint together
    changed: Figure  # share of observations that saw a change; people = observations


@dataclass(frozen=True)
class ResultRow:
    measure: object
    before_month: date
    after_month: date | None
    change: Figure
    comparison_change: Figure


@dataclass(frozen=True)
class Cohort:
    month: date
    completers: int
    reaction: Figure
    learning: list[LearningRow]
    behaviour: list[BehaviourRow]
    results: list[ResultRow]

    @property
    def learning_latest(self) -> LearningRow | None:
        """The latest point with a change measured, for the side-by-side summary."""
        measured = [row for row in self.learning if row.change and row.change.people]
        return measured[-1] if measured else None

    @property
    def behaviour_overall(self) -> BehaviourRow:
        return self.behaviour[-1]


@dataclass(frozen=True)
class CourseEffectiveness:
    course: CoursePage
    today: date
    min_people: int
    cohorts: list[Cohort]
    decay: list[TopicDecay]
    comparison_pool: int


def course_effectiveness(user, course: CoursePage, *, today: date | None = None):
    """The effectiveness of `course` over the people in the user's scope
    (courses.selectors.effectiveness_scope), in a fixed number of queries."""
    today = today or timezone.localdate()
    least = courses_settings.EFFECTIVENESS_MIN_PEOPLE
    data = course_data(user, course, today=today)
    cohorts = [
        Cohort(
            month=month,
            completers=len(people),
            reaction=figure_of([data.reactions[p] for p in people if p in data.reactions], least),
            learning=_learning(data, month, people, least),
            behaviour=_behaviour(data, month, least),
            results=_results(data, month, people, least),
        )
        for month, people in data.cohorts.items()
    ]
    return CourseEffectiveness(
        course=course,
        today=today,
        min_people=least,
        cohorts=cohorts,
        decay=decay_ranking(data, least=least),
        comparison_pool=len(data.candidates),
    )


def _learning(data: CourseData, month: date, people: list[int], least: int) -> list[LearningRow]:
    points = data.points[month]
    before_day = points[0][1]
    group = data.groups[month]
    group_before = {pid: data.mastery_on(pid, before_day) for pid in group}
    rows = []
    for point, day in points:
        own, own_change = [], []
        for pid in people:
            measured = data.learning.get(pid, {})
            value = data.mastery_on(pid, day) if point == NOW else measured.get(point)
            if value is None:
                continue
            own.append(value)
            if measured.get(BEFORE) is not None:
                own_change.append(value - measured[BEFORE])
        theirs, their_change = [], []
        for pid in group:
            value = data.mastery_on(pid, day)
            if value is None:
                continue
            theirs.append(value)
            if group_before[pid] is not None:
                their_change.append(value - group_before[pid])
        first = point == BEFORE
        rows.append(
            LearningRow(
                point=point,
                on=day,
                mastery=figure_of(own, least),
                change=None if first else figure_of(own_change, least),
                comparison=figure_of(theirs, least),
                comparison_change=None if first else figure_of(their_change, least),
            )
        )
    return rows


def _behaviour(data: CourseData, month: date, least: int) -> list[BehaviourRow]:
    by_checkpoint: dict[int, list[float]] = {}
    for person_id, checkpoint, changed, task_completed_on in data.observations:
        day = data.completed_on.get(person_id, task_completed_on)
        if day.replace(day=1) != month:
            continue
        by_checkpoint.setdefault(checkpoint, []).append(1.0 if changed else 0.0)
    rows = [BehaviourRow(n, figure_of(by_checkpoint[n], least)) for n in sorted(by_checkpoint)]
    every = [v for values in by_checkpoint.values() for v in values]
    return [*rows, BehaviourRow(None, figure_of(every, least))]


def _results(data: CourseData, month: date, people: list[int], least: int) -> list[ResultRow]:
    before = month_before(month)
    group = data.groups[month]
    rows = []
    for measure in data.measures:
        after = max(
            (m for pid in people for m in data.figures.get((pid, measure.pk), {}) if m > month),
            default=None,
        )
        rows.append(
            ResultRow(
                measure=measure,
                before_month=before,
                after_month=after,
                change=figure_of(_changes(data, people, measure.pk, before, after), least),
                comparison_change=figure_of(
                    _changes(data, group, measure.pk, before, after), least
                ),
            )
        )
    return rows


def _changes(data: CourseData, people, measure_id: int, before: date, after: date | None):
    if after is None:
        return []
    changes = []
    for pid in people:
        months = data.figures.get((pid, measure_id))
        if months and before in months and after in months:
            changes.append(months[after] - months[before])
    return changes
