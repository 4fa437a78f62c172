"""Demo business results (results.yaml beside this module): the three measures
and a year of figures for the demo's customer managers, where those who
completed the demo course improve a little after it and a comparison group
does not. build() adds what is missing and leaves existing figures alone;
clear() removes the demo's figures and its measures once nothing else uses them.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from courses.models import BusinessFigure, BusinessMeasure, Enrollment, FigureSource
from courses.selectors.results import last_month, months_back
from demofiles import yaml_read
from people.models import Person

FILE = Path(__file__).parent / "results.yaml"


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    name: str
    unit: str
    higher_is_better: bool
    description: str
    baseline: float
    spread: float
    decimals: int


def data() -> dict:
    spec = yaml_read(FILE).take(
        [
            "measures",
            "course",
            "completed_months_ago",
            "uplift",
            "uplift_months",
            "trained",
            "comparison",
        ]
    )
    measures = [
        MeasureSpec(
            **entry.take(
                ["code", "name", "unit", "higher_is_better", "baseline", "spread", "decimals"],
                {"description": ""},
            )
        )
        for entry in spec.entries("measures")
    ]
    for code in spec["uplift"]:
        if code not in {m.code for m in measures}:
            raise spec.error(f"uplift names an unknown measure {code!r}")
    return {**spec, "measures": measures}


def _completion_months(course_slug: str, employee_ids, fallback: date) -> dict[str, date]:
    """Each trained person's month of completing the course: as on record, else `fallback`."""
    recorded = dict(
        Enrollment.objects.filter(
            course__slug=course_slug,
            person__employee_id__in=employee_ids,
            completed_at__isnull=False,
        ).values_list("person__employee_id", "completed_at")
    )
    return {
        eid: timezone.localtime(recorded[eid]).date().replace(day=1)
        if eid in recorded
        else fallback
        for eid in employee_ids
    }


def _value(spec: MeasureSpec, base: float, lift: float, rng) -> Decimal:
    noise = rng.uniform(-0.06, 0.06)
    value = max(0.0, base * (1 + noise + lift))
    return Decimal(str(round(value, spec.decimals)))


def build(*, log=print) -> None:
    demo = data()
    measures = {}
    for spec in demo["measures"]:
        measures[spec.code], _created = BusinessMeasure.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "unit_label": spec.unit,
                "higher_is_better": spec.higher_is_better,
                "description": spec.description,
            },
        )
    today = timezone.localdate()
    months = months_back(last_month(), 12)
    fallback = months_back(today, demo["completed_months_ago"] + 1)[0]
    trained = _completion_months(demo["course"], demo["trained"], fallback)
    people = dict(
        Person.objects.filter(employee_id__in=[*demo["trained"], *demo["comparison"]]).values_list(
            "employee_id", "pk"
        )
    )
    now = timezone.now()
    figures = []
    for employee_id, person_id in sorted(people.items()):
        for spec in demo["measures"]:
            # Seeded by person and measure: the same figures on every build.
            rng = random.Random(f"{employee_id}:{spec.code}")
            base = spec.baseline + rng.uniform(-spec.spread, spec.spread) / 2
            for month in months:
                lift = 0.0
                if employee_id in trained and month > trained[employee_id]:
                    after = (month.year - trained[employee_id].year) * 12 + (
                        month.month - trained[employee_id].month
                    )
                    lift = demo["uplift"].get(spec.code, 0) * min(after, demo["uplift_months"])
                figures.append(
                    BusinessFigure(
                        person_id=person_id,
                        measure=measures[spec.code],
                        month=month,
                        value=_value(spec, base, lift, rng),
                        source=FigureSource.IMPORT,
                        entered_at=now,
                    )
                )
    before = BusinessFigure.objects.count()
    BusinessFigure.objects.bulk_create(figures, batch_size=500, ignore_conflicts=True)
    log(
        f"courses: business results, {len(measures)} measures, "
        f"{BusinessFigure.objects.count() - before} figures added "
        f"({len(trained)} trained, {len(demo['comparison'])} in the comparison group)."
    )


def clear(*, log=print) -> None:
    demo = data()
    codes = [spec.code for spec in demo["measures"]]
    people = Person.objects.filter(employee_id__in=[*demo["trained"], *demo["comparison"]])
    removed, _ = BusinessFigure.objects.filter(measure__code__in=codes, person__in=people).delete()
    BusinessMeasure.objects.filter(code__in=codes, figures__isnull=True).delete()
    log(f"courses: {removed} business figures removed.")
