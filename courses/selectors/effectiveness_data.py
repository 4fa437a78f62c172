"""The rows the effectiveness of one course is computed from, each read in one
query whatever the number of cohorts: the page costs the same for 1 cohort as
for 12 (tests/courses/test_effectiveness_queries.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, reduce
from operator import or_
from statistics import fmean

from django.db.models import Max, Q
from django.utils import timezone

from quizzes.selectors.mastery_days import mastery_on_days

from ..models import (
    BehaviourObservation,
    BusinessFigure,
    BusinessMeasure,
    CoursePage,
    LearningMeasure,
    ReactionResponse,
)
from .effectiveness_profiles import Profile, comparison_sample, completer_profiles
from .effectiveness_scope import (
    completions_in_scope,
    effectiveness_people,
    effectiveness_sees_everyone,
)


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_before(month: date) -> date:
    return month_of(month - timedelta(days=1))


def month_end(month: date) -> date:
    return month_of(month + timedelta(days=32)) - timedelta(days=1)


@dataclass
class CourseData:
    course: CoursePage
    today: date
    topic_ids: list[int]
    topic_names: dict[int, str]
    completed_on: dict[int, date]  # completer -> day of completion (local)
    cohorts: dict[date, list[int]]  # month -> completers
    profiles: dict[int, Profile]
    candidates: list[int]  # people in scope who have not completed the course
    reactions: dict[int, int] = field(default_factory=dict)  # person -> rating
    learning: dict[int, dict[int, float]] = field(default_factory=dict)  # person -> point -> m
    observations: list[tuple[int, int, bool, date]] = field(default_factory=list)
    measures: list[BusinessMeasure] = field(default_factory=list)
    figures: dict[tuple[int, int], dict[date, float]] = field(default_factory=dict)
    groups: dict[date, list[int]] = field(default_factory=dict)  # month -> comparison group
    points: dict[date, list[tuple]] = field(default_factory=dict)  # month -> [(point, day)]
    mastery: dict = field(default_factory=dict)  # {day: {person: {topic: mastery}}}

    def mastery_on(self, person_id: int, day: date) -> float | None:
        """Mean mastery of the course's topics on `day` from the nightly
        snapshots, over the topics with a figure (as LearningMeasure's is)."""
        topics = self.mastery.get(day, {}).get(person_id)
        return fmean(topics.values()) if topics else None

    def topic_mastery_on(self, person_id: int, topic_id: int, day: date) -> float | None:
        return self.mastery.get(day, {}).get(person_id, {}).get(topic_id)

    @cached_property
    def checkpoint_days(self) -> list[int]:
        # Parsed from the page's field once, not once per completer.
        return self.course.checkpoint_days

    def decay_days(self, person_id: int) -> tuple[date, int] | None:
        """(day of completion, days to the latest checkpoint reached), if any."""
        completed = self.completed_on[person_id]
        reached = [n for n in self.checkpoint_days if completed + timedelta(days=n) <= self.today]
        return (completed, max(reached)) if reached else None


def _in_scope(rows, user, field_name: str = "person"):
    # Administrators and trainers read everyone: no filter (see effectiveness_scope).
    if not effectiveness_sees_everyone(user):
        rows = rows.filter(**{f"{field_name}__in": effectiveness_people(user).values("pk")})
    return rows


def course_data(user, course: CoursePage, *, today: date | None = None) -> CourseData:
    """Everything the effectiveness of `course` needs, for the people in the
    user's scope, in a fixed number of queries."""
    today = today or timezone.localdate()
    completed_on = {
        person_id: timezone.localdate(done)
        for person_id, done in completions_in_scope(user)
        .filter(course=course)
        .values_list("person_id", "completed_at")
    }
    cohorts: dict[date, list[int]] = defaultdict(list)
    for person_id, day in completed_on.items():
        cohorts[month_of(day)].append(person_id)
    # Only the completers' profiles and the capped sample of comparison
    # candidates leave the database, not everyone in the user's scope.
    profiles = completer_profiles(user, course)
    wanted = {_key(profiles[p]) for p in completed_on if p in profiles}
    sample = comparison_sample(user, course, wanted)
    profiles.update(sample)
    candidates = list(sample)
    topic_names = dict(course.topics.values_list("pk", "name"))
    data = CourseData(
        course=course,
        today=today,
        topic_ids=list(topic_names),
        topic_names=topic_names,
        completed_on=completed_on,
        cohorts=dict(sorted(cohorts.items())),
        profiles=profiles,
        candidates=candidates,
    )
    if not completed_on:
        return data
    data.reactions = dict(
        _in_scope(ReactionResponse.objects.filter(course=course), user).values_list(
            "person_id", "rating"
        )
    )
    learning: dict[int, dict[int, float]] = defaultdict(dict)
    for person_id, point, mastery in _in_scope(
        LearningMeasure.objects.filter(course=course, mastery__isnull=False), user
    ).values_list("person_id", "point", "mastery"):
        learning[person_id][point] = mastery
    data.learning = dict(learning)
    data.observations = list(
        _in_scope(
            BehaviourObservation.objects.filter(task__course=course), user, "task__person"
        ).values_list("task__person_id", "task__checkpoint_days", "changed", "task__completed_on")
    )
    data.measures = list(BusinessMeasure.objects.filter(is_active=True))
    figures: dict[tuple[int, int], dict[date, float]] = defaultdict(dict)
    for person_id, measure_id, month, value in _figures_needed(data):
        figures[(person_id, measure_id)][month] = float(value)
    data.figures = dict(figures)
    for month, completers in data.cohorts.items():
        data.points[month] = cohort_points(data, month)
        data.groups[month] = comparison_people(data, completers, data.points[month][0][1])
    data.mastery = mastery_on_days(_mastery_needs(data), data.topic_ids)
    return data


def _figures_needed(data: CourseData):
    """The business figures the results compare, in two queries: every month
    from the month before the first cohort for the comparison candidates; of
    each completer only the month before their cohort's and their latest
    month (a cohort's "after" month is the latest of its completers' latest
    months), not a year of figures for each of thousands of completers."""
    first = month_before(min(data.cohorts))
    figures = BusinessFigure.objects.filter(measure__is_active=True, month__gte=first)
    completers = sorted(data.completed_on)
    latest = defaultdict(set)  # cohort month -> its completers' latest months
    cohort_of = {pid: month for month, people in data.cohorts.items() for pid in people}
    for person_id, last in (
        figures.filter(person_id__in=completers)
        .values("person_id", "measure_id")
        .annotate(last=Max("month"))
        .values_list("person_id", "last")
    ):
        latest[cohort_of[person_id]].add(last)
    wanted = reduce(
        or_,
        (
            Q(person_id__in=sorted(people), month__in=[month_before(month), *latest[month]])
            for month, people in data.cohorts.items()
        ),
        Q(person_id__in=data.candidates),
    )
    # The people at the top too: one hashed test rejects most rows before the
    # per-cohort terms are tried.
    people = sorted({*completers, *data.candidates})
    return figures.filter(wanted, person_id__in=people).values_list(
        "person_id", "measure_id", "month", "value"
    )


BEFORE, COMPLETION, NOW = -1, 0, "now"


def cohort_points(data: CourseData, month: date) -> list[tuple[int | str, date]]:
    """The learning points of a cohort, each with the day the comparison group
    is measured on: before = the day before the cohort's month; at completion
    = its last day; a checkpoint of N days = that day + N (once reached); now."""
    end = month_end(month)
    points = [(BEFORE, month - timedelta(days=1)), (COMPLETION, min(end, data.today))]
    days = set(data.course.checkpoint_days)
    days |= {p for person in data.cohorts[month] for p in data.learning.get(person, {}) if p > 0}
    for n in sorted(days):
        if end + timedelta(days=n) <= data.today:
            points.append((n, end + timedelta(days=n)))
    points.append((NOW, data.today))
    return points


def comparison_people(data: CourseData, people: list[int], start: date) -> list[int]:
    """The comparison candidates with the grade and roles of one of `people`,
    hired before `start` (or with no hire date on file)."""
    wanted = {_key(data.profiles[p]) for p in people if p in data.profiles}
    chosen = []
    for pid in data.candidates:
        profile = data.profiles[pid]
        if _key(profile) not in wanted:
            continue
        if profile.hire_date is not None and profile.hire_date > start:
            continue
        chosen.append(pid)
    return chosen


def _mastery_needs(data: CourseData) -> dict[date, set[int]]:
    """Who is measured on which day: each cohort's completers (now) and
    comparison group (every point), and each completer on the day they
    completed and at their latest checkpoint (the decay ranking)."""
    needs: dict[date, set[int]] = defaultdict(set)
    for month, points in data.points.items():
        group = data.groups[month]
        for _point, day in points:
            needs[day].update(group)
        needs[data.today].update(data.cohorts[month])
    for person_id in data.completed_on:
        reached = data.decay_days(person_id)
        if reached:
            completed, days = reached
            needs[completed].add(person_id)
            needs[completed + timedelta(days=days)].add(person_id)
    return needs


def _key(profile: Profile) -> tuple:
    return (profile.grade, profile.roles)
