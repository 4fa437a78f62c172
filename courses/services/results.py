"""Writes of business results: figures per person, measure and month, entered
by hand (courses/views/results.py) or imported (courses/pipeline_results.py)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import BusinessFigure, BusinessMeasure, FigureSource
from ..selectors.results import figure_people

MAX_VALUE = Decimal("99999999999999.99")  # max_digits=16, decimal_places=2


@dataclass(frozen=True)
class FigureEntry:
    """One cell to save: value None removes the figure."""

    person_id: int
    measure_id: int
    month: date
    value: Decimal | None


@dataclass
class FiguresSaved:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def month_check(month: date) -> None:
    """ValidationError unless `month` is the first of a month not after this one."""
    if month.day != 1:
        raise ValidationError(_("A month is given by its first day."), code="month")
    if month > timezone.localdate().replace(day=1):
        raise ValidationError(_("Figures are entered for past months only."), code="future")


def value_check(value: Decimal) -> None:
    if not value.is_finite() or abs(value) > MAX_VALUE:
        raise ValidationError(_("This number is too large."), code="too_large")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("At most two decimal places."), code="decimals")


def figures_save(
    *,
    by,
    entries: Iterable[FigureEntry],
    source: str = FigureSource.HAND,
    on_progress: Callable[[int], None] | None = None,
) -> FiguresSaved:
    """Save many figures in one transaction: all of them or none. PermissionDenied
    when a person is outside `by`'s scope (selectors.results.figure_people) or a
    measure is not in use; ValidationError for a bad month or value."""
    entries = list(entries)
    person_ids = {e.person_id for e in entries}
    measure_ids = {e.measure_id for e in entries}
    if figure_people(by).filter(pk__in=person_ids).count() != len(person_ids):
        raise PermissionDenied
    if BusinessMeasure.objects.filter(pk__in=measure_ids, is_active=True).count() != len(
        measure_ids
    ):
        raise PermissionDenied
    for entry in entries:
        month_check(entry.month)
        if entry.value is not None:
            value_check(entry.value)
    saved = FiguresSaved()
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (f.person_id, f.measure_id, f.month): f
            for f in BusinessFigure.objects.select_for_update().filter(
                person_id__in=person_ids,
                measure_id__in=measure_ids,
                month__in={e.month for e in entries},
            )
        }
        new, changed, gone = [], [], []
        for number, entry in enumerate(entries, start=1):
            figure = existing.get((entry.person_id, entry.measure_id, entry.month))
            if entry.value is None:
                if figure is not None:
                    gone.append(figure.pk)
            elif figure is None:
                new.append(
                    BusinessFigure(
                        person_id=entry.person_id,
                        measure_id=entry.measure_id,
                        month=entry.month,
                        value=entry.value,
                        source=source,
                        entered_by=by,
                        entered_at=now,
                    )
                )
            elif figure.value != entry.value:
                figure.value, figure.source = entry.value, source
                figure.entered_by, figure.entered_at = by, now
                changed.append(figure)
            else:
                saved.unchanged += 1
            if on_progress and number % 500 == 0:
                on_progress(number)
        BusinessFigure.objects.bulk_create(new, batch_size=500)
        BusinessFigure.objects.bulk_update(
            changed, ["value", "source", "entered_by", "entered_at"], batch_size=500
        )
        BusinessFigure.objects.filter(pk__in=gone).delete()
    if on_progress:
        on_progress(len(entries))
    saved.created, saved.updated, saved.deleted = len(new), len(changed), len(gone)
    return saved


def figure_set(*, by, person, measure: BusinessMeasure, month: date, value: Decimal | None):
    """Enter or correct one figure by hand (None removes it)."""
    return figures_save(
        by=by,
        entries=[FigureEntry(person.pk, measure.pk, month, value)],
        source=FigureSource.HAND,
    )
