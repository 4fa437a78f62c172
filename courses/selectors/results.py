"""Reads of business results (the fourth level of the follow-up).

Who may enter figures, and for whom, is decided here once: the hand entry
page, the import and the record section all ask `may_enter_figures` and
`figure_people`. The effectiveness page reads figures through
`figures_by_person_month` and `figure_change`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from people.selectors import managed_units_of, people_managed_by, sees_everyone

from ..models import BusinessFigure, BusinessMeasure

RECORD_MONTHS = 12


def may_enter_figures(user) -> bool:
    """Managers (of at least one unit) and administrators enter and import figures."""
    return user.is_authenticated and (sees_everyone(user) or bool(managed_units_of(user)))


def figure_people(user):
    """The people whose figures `user` may read and write: their managed
    subtrees (themself included), everyone for administrators, nobody for
    anyone who may not enter figures (a trainee is not their own manager here)."""
    people = people_managed_by(user)
    return people if may_enter_figures(user) else people.none()


def measure_list(*, active_only: bool = True) -> QuerySet[BusinessMeasure]:
    measures = BusinessMeasure.objects.order_by("name", "pk")
    return measures.filter(is_active=True) if active_only else measures


def month_start(day: date) -> date:
    return day.replace(day=1)


def last_month() -> date:
    """The month figures are usually entered for: the one before this one."""
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def months_back(last: date, count: int) -> list[date]:
    """`count` first-of-month dates ending with the month of `last`, oldest first."""
    year, month = last.year, last.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def figures_by_person_month(
    person_ids, measure_ids, months
) -> dict[tuple[int, int, date], Decimal]:
    """{(person id, measure id, month): value} for the given people, measures and
    months (first-of-month dates), in one query. Missing figures are absent."""
    rows = BusinessFigure.objects.filter(
        person_id__in=list(person_ids),
        measure_id__in=list(measure_ids),
        month__in=[month_start(m) for m in months],
    ).values_list("person_id", "measure_id", "month", "value")
    return {(person, measure, month): value for person, measure, month, value in rows}


@dataclass(frozen=True)
class FigureChange:
    """How a group's figures of one measure moved between two months, over the
    people who have a figure in both (`people`)."""

    people: int
    before: Decimal | None  # mean of the before month
    after: Decimal | None  # mean of the after month
    change: Decimal | None  # after - before
    improved: bool | None  # the change goes the measure's good way


def figure_change(person_ids, measure: BusinessMeasure, before_month: date, after_month: date):
    """The change of `measure` between two months for a group, in one query."""
    before_month, after_month = month_start(before_month), month_start(after_month)
    values = figures_by_person_month(person_ids, [measure.pk], [before_month, after_month])
    pairs = [
        (values[(person, measure.pk, before_month)], values[(person, measure.pk, after_month)])
        for person in {key[0] for key in values}
        if (person, measure.pk, before_month) in values
        and (person, measure.pk, after_month) in values
    ]
    if not pairs:
        return FigureChange(people=0, before=None, after=None, change=None, improved=None)
    count = Decimal(len(pairs))
    before = sum((b for b, _a in pairs), Decimal(0)) / count
    after = sum((a for _b, a in pairs), Decimal(0)) / count
    change = after - before
    improved = None if change == 0 else (change > 0) == measure.higher_is_better
    return FigureChange(
        people=len(pairs),
        before=before.quantize(Decimal("0.01")),
        after=after.quantize(Decimal("0.01")),
        change=change.quantize(Decimal("0.01")),
        improved=improved,
    )


@dataclass(frozen=True)
class MeasureSeries:
    measure: BusinessMeasure
    values: list  # one Decimal or None per month


def figure_series_of(person, *, last_month: date, months: int = RECORD_MONTHS):
    """(months, [MeasureSeries]) of one person: the `months` months ending with
    `last_month`, for every measure they have a figure of in that span (in use
    or not). One query when they have none, two otherwise."""
    span = months_back(last_month, months)
    rows = BusinessFigure.objects.filter(person=person, month__in=span).values_list(
        "measure_id", "month", "value"
    )
    figures = {(measure, month): value for measure, month, value in rows}
    if not figures:
        return span, []
    measures = BusinessMeasure.objects.filter(pk__in={m for m, _month in figures})
    return span, [
        MeasureSeries(m, [figures.get((m.pk, month)) for month in span])
        for m in measures.order_by("name", "pk")
    ]
