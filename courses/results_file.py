"""Files of business figures (CSV or XLSX), one row per person and month:

    employee_id, month (YYYY-MM), then one column per measure code

for example `employee_id,month,deposits,new_customers,visits`. A measure's name
is accepted as its header too; 員工編號 and 月份 for the first two. An empty
cell leaves that figure as it is. Every problem is located by row and column;
rows outside the uploader's scope read as unknown employees (nothing about
other branches' people is told).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imports.registry import problem
from tabular.reading import TableError, read_table

from .forms.results import month_parse
from .models import BusinessFigure, BusinessMeasure
from .selectors.results import figure_people, last_month
from .services.results import FigureEntry, month_check, value_check

FIGURES_MAX_ROWS = 20000
TEMPLATE_MAX_PEOPLE = 1000
EMPLOYEE_ALIASES = {"employee id", "員工編號", "员工编号", "工號", "工号"}
MONTH_ALIASES = {"月份"}


@dataclass
class FiguresCheck:
    entries: list[FigureEntry] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # what the preview lists
    codes: list[str] = field(default_factory=list)  # the measure columns, in file order


def _aliases(measures) -> dict[str, set[str]]:
    aliases = {"employee_id": set(EMPLOYEE_ALIASES), "month": set(MONTH_ALIASES)}
    for measure in measures:
        aliases[measure.code] = {measure.name}
    return aliases


def _number(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("，", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text}) from None
    value_check(value)
    return value


def figures_file_check(*, user, file_name: str, data: bytes, encoding=None) -> FiguresCheck:
    """Read and check a file of figures for `user`; writes nothing."""
    check = FiguresCheck()
    measures = {m.code: m for m in BusinessMeasure.objects.all()}
    try:
        table = read_table(
            file_name=file_name,
            data=data,
            aliases=_aliases(measures.values()),
            required={"employee_id", "month"},
            max_rows=FIGURES_MAX_ROWS,
            encoding=encoding,
        )
    except TableError as error:
        located = [problem(p.message, row=p.row, column=p.heading) for p in error.problems]
        check.problems = located or [problem(error.message)]
        return check
    check.codes = [c for c in table.columns if c in measures]
    for _position, code in enumerate(table.columns, start=1):
        if code in measures and not measures[code].is_active:
            check.problems.append(
                problem(_("This measure is no longer in use."), row=1, column=code)
            )
    wanted = {row.values["employee_id"].strip() for row in table.rows}
    people = dict(
        figure_people(user).filter(employee_id__in=wanted - {""}).values_list("employee_id", "pk")
    )
    names = dict(figure_people(user).filter(pk__in=people.values()).values_list("pk", "name"))
    seen: dict[tuple[int, object], int] = {}
    for row in table.rows:
        employee_id = row.values["employee_id"].strip()
        person_id = people.get(employee_id)
        if not employee_id:
            check.problems.append(
                problem(_("The employee id is missing."), row=row.number, column="employee_id")
            )
        elif person_id is None:
            check.problems.append(
                problem(
                    _("No one with the employee id “%(id)s” is among your people.")
                    % {"id": employee_id},
                    row=row.number,
                    column="employee_id",
                )
            )
        month = month_parse(row.values["month"])
        if month is None:
            check.problems.append(
                problem(
                    _("Give the month as YYYY-MM, for example 2026-05."),
                    row=row.number,
                    column="month",
                )
            )
        else:
            try:
                month_check(month)
            except ValidationError as error:
                check.problems.append(problem(error.messages[0], row=row.number, column="month"))
                month = None
        if person_id is not None and month is not None:
            earlier = seen.setdefault((person_id, month), row.number)
            if earlier != row.number:
                check.problems.append(
                    problem(
                        _("This person and month are already on row %(row)d.") % {"row": earlier},
                        row=row.number,
                        column="employee_id",
                    )
                )
        values = {}
        for code in check.codes:
            text = row.values.get(code, "").strip()
            if not text:
                continue
            try:
                value = _number(text)
            except ValidationError as error:
                check.problems.append(problem(error.messages[0], row=row.number, column=code))
                continue
            values[code] = text
            if person_id is not None and month is not None:
                check.entries.append(FigureEntry(person_id, measures[code].pk, month, value))
        check.rows.append(
            {
                "row": row.number,
                "employee_id": employee_id,
                "name": names.get(person_id, ""),
                "month": month.strftime("%Y-%m") if month else row.values["month"],
                "values": [values.get(code, "") for code in check.codes],
            }
        )
    return check


def figures_plan(entries: list[FigureEntry]) -> dict:
    """How many figures saving would add, change or leave as they are (one query)."""
    rows = BusinessFigure.objects.filter(
        person_id__in={e.person_id for e in entries},
        measure_id__in={e.measure_id for e in entries},
        month__in={e.month for e in entries},
    ).values_list("person_id", "measure_id", "month", "value")
    existing = {(person, measure, month): value for person, measure, month, value in rows}
    plan = {"create": 0, "update": 0, "unchanged": 0}
    for e in entries:
        old = existing.get((e.person_id, e.measure_id, e.month))
        plan["create" if old is None else "unchanged" if old == e.value else "update"] += 1
    return plan


def template_rows(user) -> tuple[list[str], list[list]]:
    """The header and one row per person of `user`'s scope (at most
    TEMPLATE_MAX_PEOPLE) for last month, the figures left empty."""
    codes = [m.code for m in BusinessMeasure.objects.filter(is_active=True).order_by("name", "pk")]
    month = last_month().strftime("%Y-%m")
    people = figure_people(user).order_by("unit__path", "employee_id")
    ids = people.values_list("employee_id", flat=True)[:TEMPLATE_MAX_PEOPLE]
    return ["employee_id", "month", *codes], [[e, month, *[""] * len(codes)] for e in ids]
