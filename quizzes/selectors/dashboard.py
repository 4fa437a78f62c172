"""Reads of the manager dashboard's drill sections, from the figures computed
in the background (nightly snapshots, daily unit rollups, memory states),
never from answer rows. Each costs one or two queries whatever the number
of people: `people` is a queryset of people (used as a subquery) or a list of ids.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.db.models.functions import TruncMonth

from people.models import Person
from people.selectors import subtree_q

from ..models import MasterySnapshot, MemoryState, UnitTopicDay


def snapshot_latest_day(people) -> date | None:
    """The day of the latest nightly mastery snapshot of any of `people`: each
    person's latest day read on the (person, date) index, then the latest of
    those. A plain MAX(date) walks the date index back from the newest row and
    may pass every snapshot of everyone else first."""
    latest = (
        MasterySnapshot.objects.filter(person=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    return (
        Person.objects.filter(pk__in=people)
        .annotate(latest=Subquery(latest))
        .aggregate(day=Max("latest"))["day"]
    )


@dataclass(frozen=True)
class MasteryCell:
    person_id: int
    topic_id: int
    topic_name: str
    mastery: float


def mastery_cells(people, *, day: date) -> list[MasteryCell]:
    """Every person's mastery by topic in the snapshot of `day`, in one query."""
    rows = (
        MasterySnapshot.objects.filter(person__in=people, date=day)
        .order_by("person_id", "topic__name", "topic_id")
        .values_list("person_id", "topic_id", "topic__name", "mastery")
    )
    return [MasteryCell(*row) for row in rows]


def reviews_due_counts(people, *, until: datetime) -> dict[int, int]:
    """{person id: memory states due before `until`} among `people`, in one
    aggregate query (questions since closed are not asked, so not due)."""
    rows = (
        MemoryState.objects.filter(person__in=people, due__lt=until, question__is_active=True)
        .values("person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["person_id"]: row["n"] for row in rows}


def reviews_due_total(people, *, until: datetime) -> int:
    return MemoryState.objects.filter(
        person__in=people, due__lt=until, question__is_active=True
    ).count()


@dataclass(frozen=True)
class MonthFigures:
    month: date  # the first of the month
    people: int  # person-topic-days with a mastery figure behind the mean
    mastery: float | None  # mean mastery over the month's daily figures, 0 to 1
    answers: int
    accuracy: float | None  # mean score of the month's answers, 0 to 1


def months_back(today: date, count: int) -> list[date]:
    """The first days of the last `count` months, oldest first, today's month last."""
    months = []
    year, month = today.year, today.month
    for _n in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def subtree_trends(units, *, today: date, months: int = 12) -> list[MonthFigures]:
    """Month by month over the last `months` months, the figures of the subtrees
    of `units`: the daily unit rollups (sums over each unit's own members)
    summed over every unit of the subtrees, in one query. A month without rows
    has no mastery and no answers."""
    firsts = months_back(today, months)
    rows = (
        UnitTopicDay.objects.filter(
            subtree_q(units, prefix="unit__"), date__gte=firsts[0], date__lte=today
        )
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            people=Sum("people"),
            mastery_sum=Sum("mastery_sum"),
            answers=Sum("answers"),
            score_sum=Sum("score_sum"),
        )
        .order_by("month")
    )
    by_month = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        by_month[month] = row
    figures = []
    for first in firsts:
        row = by_month.get(first)
        people = (row or {}).get("people") or 0
        answers = (row or {}).get("answers") or 0
        figures.append(
            MonthFigures(
                month=first,
                people=people,
                mastery=row["mastery_sum"] / people if row and people else None,
                answers=answers,
                accuracy=row["score_sum"] / answers if row and answers else None,
            )
        )
    return figures
