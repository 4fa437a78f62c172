"""What each pair achieved: the mentee's change in mastery of the agreed topics
(the Goal topics of the pair's Agreement) over the pair's life, beside the
change of comparable colleagues without a mentor over the same period
(mentorship.selectors.comparison says who they are).

Mastery comes from the nightly snapshots (quizzes.selectors.mastery): the
figure on a day is the latest snapshot on or before it, so "today" for an
active pair is last night's snapshot. A topic with no snapshot yet counts as 0
(nothing shown on it), the same as quizzes' own figure with no answers. A
person's mastery of several topics is their mean.

Bulk: five queries whatever the number of pairs (the pairs, their goals, the
people who might compare, the periods of every pair, the snapshots), then
arithmetic on arrays (mastery_table). 500 pairs, each against some 300
comparable colleagues out of 1,000, with 900,000 snapshots: see the README.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import Person
from people.roles import GROUP_NAMES
from quizzes.selectors.mastery import mastery_at, mastery_series

from ..conf import mentorship_settings
from ..models import Goal, Pair, PairStatus
from .comparison import DAYS_A_YEAR, Colleague, exclusion_reason, overlaps
from .mastery_table import MasteryTable

MEASURED_STATUSES = (PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.ENDED_EARLY)
LIANBING_GROUPS = set(GROUP_NAMES.values())


@dataclass(frozen=True)
class PairOutcome:
    pair: Pair
    start: date
    end: date
    topic_ids: tuple[int, ...]
    topic_names: tuple[str, ...]
    mentee_before: float
    mentee_after: float
    comparison_ids: tuple[int, ...]
    comparison_before: float | None
    comparison_change: float | None
    min_colleagues: int

    @property
    def measured(self) -> bool:
        """False when the agreement names no topic: nothing to measure."""
        return bool(self.topic_ids)

    @property
    def mentee_change(self) -> float:
        return self.mentee_after - self.mentee_before

    @property
    def comparison_count(self) -> int:
        return len(self.comparison_ids)

    @property
    def too_few(self) -> bool:
        return self.comparison_count < self.min_colleagues

    @property
    def difference(self) -> float | None:
        """The mentee's change minus the comparable colleagues' (None without any)."""
        if self.comparison_change is None:
            return None
        return self.mentee_change - self.comparison_change


def measured_pairs(pairs: QuerySet[Pair]) -> QuerySet[Pair]:
    """The pairs that have a life to measure: started, and not merely proposed."""
    return pairs.filter(status__in=MEASURED_STATUSES, started_on__isnull=False).select_related(
        "mentor__user", "mentee__user", "mentor__unit", "mentee__unit"
    )


def _colleagues(grades, mentee_ids) -> dict[int, Colleague]:
    """Everyone who might compare (active people of the mentees' grades, of any
    grade if `grades` is None) and the mentees."""
    active = (
        Q(user__is_active=True) if grades is None else Q(grade__in=grades, user__is_active=True)
    )
    rows = Person.objects.filter(active | Q(pk__in=mentee_ids)).values_list(
        "pk", "grade", "hire_date", "user__groups__name"
    )
    found: dict[int, tuple] = {}
    roles: dict[int, set[str]] = defaultdict(set)
    for pk, grade, hire_date, group in rows:
        found[pk] = (grade, hire_date)
        if group in LIANBING_GROUPS:
            roles[pk].add(group)
    return {
        pk: Colleague(pk, grade, frozenset(roles[pk]), hire_date)
        for pk, (grade, hire_date) in found.items()
    }


def _mean_mastery(series, person_id: int, topic_ids, day: date) -> float:
    """One person's mean mastery of `topic_ids` on `day` (for one pair at a time)."""
    topics = series.get(person_id, {})
    values = [mastery_at(topics.get(topic_id, []), day) or 0.0 for topic_id in topic_ids]
    return sum(values) / len(values) if values else 0.0


def pair_outcomes(pairs: QuerySet[Pair], *, today: date | None = None) -> list[PairOutcome]:
    """The outcome of every measured pair of `pairs` (in their order)."""
    today = today or timezone.localdate()
    pairs = list(measured_pairs(pairs))
    if not pairs:
        return []
    topics: dict[int, dict[int, str]] = defaultdict(dict)
    for pair_id, topic_id, name in Goal.objects.filter(
        agreement__pair__in=[p.pk for p in pairs]
    ).values_list("agreement__pair_id", "topic_id", "topic__name"):
        topics[pair_id][topic_id] = name
    periods = {p.pk: (p.started_on, max(p.started_on, p.ended_on or today)) for p in pairs}
    first = min(start for start, _end in periods.values())
    last = max(end for _start, end in periods.values())
    colleagues = _colleagues({p.mentee.grade for p in pairs}, [p.mentee_id for p in pairs])
    mentored = _mentored(
        Pair.objects.filter(started_on__isnull=False, started_on__lte=last)
        .exclude(ended_on__lt=first)
        .values_list("mentee_id", "started_on", "ended_on"),
        today=today,
    )
    groups = _groups(colleagues.values())
    candidates = {
        p.pk: _candidates(groups, colleagues[p.mentee_id], mentored, *periods[p.pk]) for p in pairs
    }
    people = {p.mentee_id for p in pairs}.union(*(set(c.tolist()) for c in candidates.values()))
    all_topics = {topic_id for names in topics.values() for topic_id in names}
    series = mastery_series(people, all_topics, until=last) if all_topics else {}
    days = {day for period in periods.values() for day in period}
    table = MasteryTable(series, sorted(people), all_topics, days)
    margin = mentorship_settings.COMPARISON_MASTERY_MARGIN + 1e-9

    outcomes = []
    for pair in pairs:
        start, end = periods[pair.pk]
        topic_ids = tuple(sorted(topics.get(pair.pk, {})))
        before = after = 0.0
        members, their_before, their_change = np.array([], dtype=int), [], []
        if topic_ids:
            mentee_row = table.row_of([pair.mentee_id])
            before = float(table.mean(mentee_row, topic_ids, start)[0])
            after = float(table.mean(mentee_row, topic_ids, end)[0])
            rows = table.row_of(candidates[pair.pk])
            starts = table.mean(rows, topic_ids, start) if len(rows) else np.array([])
            close = np.abs(starts - before) <= margin
            members = candidates[pair.pk][close]
            their_before = starts[close]
            their_change = (
                table.mean(rows[close], topic_ids, end) - their_before if len(members) else []
            )
        outcomes.append(
            PairOutcome(
                pair=pair,
                start=start,
                end=end,
                topic_ids=topic_ids,
                topic_names=tuple(topics.get(pair.pk, {})[t] for t in topic_ids),
                mentee_before=before,
                mentee_after=after,
                comparison_ids=tuple(sorted(int(pk) for pk in members)),
                comparison_before=_mean(their_before),
                comparison_change=_mean(their_change),
                min_colleagues=mentorship_settings.COMPARISON_MIN_COLLEAGUES,
            )
        )
    return outcomes


def _groups(colleagues) -> dict[tuple, tuple[np.ndarray, np.ndarray]]:
    """Colleagues by (grade, roles), as arrays of ids and hire days (NaN unknown)."""
    grouped: dict[tuple, list[Colleague]] = defaultdict(list)
    for colleague in colleagues:
        grouped[(colleague.grade, colleague.roles)].append(colleague)
    return {
        key: (
            np.array([c.person_id for c in members], dtype=int),
            np.array([c.hire_date.toordinal() if c.hire_date else np.nan for c in members]),
        )
        for key, members in grouped.items()
    }


def _mentored(periods, *, today) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair's mentee with its first and last day (today while open), as arrays."""
    rows = [(mentee_id, began, ended or today) for mentee_id, began, ended in periods]
    return (
        np.array([row[0] for row in rows], dtype=int),
        np.array([row[1].toordinal() for row in rows], dtype=int),
        np.array([row[2].toordinal() for row in rows], dtype=int),
    )


def _candidates(groups, mentee: Colleague, mentored, start, end) -> np.ndarray:
    """Ids of those who pass every rule but starting mastery (comparison.static_reason,
    and no pair as a mentee overlapping the period), as arrays for speed."""
    ids, hired = groups[(mentee.grade, mentee.roles)]
    if mentee.hire_date is None:
        close = np.isnan(hired)
    else:
        years = mentorship_settings.COMPARISON_SERVICE_YEARS
        with np.errstate(invalid="ignore"):
            close = np.abs(hired - mentee.hire_date.toordinal()) <= years * DAYS_A_YEAR
    mentees, began, ended = mentored
    busy = mentees[(began <= end.toordinal()) & (ended >= start.toordinal())]
    return ids[close & (ids != mentee.person_id) & ~np.isin(ids, busy)]


def comparison_reasons(pair: Pair, *, today: date | None = None) -> dict[int, str | None]:
    """{person id: why they are not comparable with this pair's mentee, or None
    if they are} for every active person: the comparison explained, one pair at
    a time (for checking a surprising figure; the report uses pair_outcomes)."""
    today = today or timezone.localdate()
    start, end = pair.started_on, max(pair.started_on, pair.ended_on or today)
    topic_ids = list(Goal.objects.filter(agreement__pair=pair).values_list("topic_id", flat=True))
    colleagues = _colleagues(None, [pair.mentee_id])
    mentored: dict[int, list] = defaultdict(list)
    for mentee_id, began, ended in Pair.objects.filter(started_on__isnull=False).values_list(
        "mentee_id", "started_on", "ended_on"
    ):
        mentored[mentee_id].append((began, ended))
    series = mastery_series(colleagues, topic_ids, until=end)
    mentee = colleagues[pair.mentee_id]
    mentee_start = _mean_mastery(series, mentee.person_id, topic_ids, start)
    return {
        c.person_id: exclusion_reason(
            mentee=mentee,
            candidate=c,
            mentored=overlaps(mentored.get(c.person_id, ()), start, end, today=today),
            mentee_start=mentee_start,
            candidate_start=_mean_mastery(series, c.person_id, topic_ids, start),
        )
        for c in colleagues.values()
    }


def _mean(values) -> float | None:
    return float(np.mean(values)) if len(values) else None
