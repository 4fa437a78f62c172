"""The drills' sections of the manager dashboard (frame.dashboard): a mastery
heatmap from the latest nightly snapshot, reviews due per person, and the
subtree's trends over the last twelve months from the daily unit rollups,
each with its figures in a table and its tables for export. The host has
decided the scope; nothing here reads answer rows."""

from collections import defaultdict
from functools import cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charts import Series, bar_chart, heatmap, line_chart
from frame import DashboardScope, DashboardSection, DashboardTable

from ..selectors.dashboard import (
    mastery_cells,
    reviews_due_counts,
    reviews_due_total,
    snapshot_latest_day,
    subtree_trends,
)
from ..selectors.memory import end_of_today
from ..selectors.rollups import rollup_last_run

# The heatmap shows at most this many topics (the weakest of the people shown);
# the download has every topic.
HEATMAP_TOPICS = 20
# The chart of reviews due shows the people of the page with the most due.
REVIEWS_CHART_PEOPLE = 15
TREND_MONTHS = 12


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _count(value) -> str:
    return f"{value:.0f}"


def _rounded(value):
    return None if value is None else round(value, 4)


def _person_header() -> list:
    return [_("Employee id"), _("Name"), _("Unit")]


def _everyone(scope: DashboardScope):
    return scope.people.values_list("pk", "employee_id", "name", "unit__name")


# --- mastery heatmap ---------------------------------------------------------------


def _cells_html(cells) -> SafeString:
    """A row's table cells, joined here: a page of 50 people by 20 topics is a
    thousand cells, which a template loop renders many times slower."""
    return mark_safe("".join(f"<td>{escape(cell['text'])}</td>" for cell in cells))  # noqa: S308


def heatmap_context(scope: DashboardScope, last_run) -> dict:
    # The latest snapshot of the people shown: a look-up on their few index
    # entries, where the whole scope's (an administrator's organisation) is not.
    day = snapshot_latest_day(scope.page_person_ids)
    cells = mastery_cells(scope.page_person_ids, day=day) if day else []
    by_topic: dict[int, list[float]] = defaultdict(list)
    names: dict[int, str] = {}
    grid: dict[tuple[int, int], float] = {}
    for cell in cells:
        by_topic[cell.topic_id].append(cell.mastery)
        names[cell.topic_id] = cell.topic_name
        grid[(cell.person_id, cell.topic_id)] = cell.mastery
    weakest = sorted(by_topic, key=lambda t: (sum(by_topic[t]) / len(by_topic[t]), names[t]))
    shown = weakest[:HEATMAP_TOPICS]
    rows = []
    for person in scope.page_people:
        cells = [
            {"value": grid.get((person.pk, t)), "text": _percent(grid.get((person.pk, t)))}
            for t in shown
        ]
        rows.append({"person": person, "cells": cells, "cells_html": _cells_html(cells)})
    chart = None
    if shown:
        chart = heatmap(
            chart_id="mastery-heatmap",
            table_id="mastery-table",
            title=_("Mastery by person and topic, from the nightly snapshot"),
            rows=[row["person"].name for row in rows],
            columns=[names[t] for t in shown],
            values=[[cell["value"] for cell in row["cells"]] for row in rows],
        )
    return {
        "day": day,
        "topics": [names[t] for t in shown],
        "rows": rows,
        "hidden_topics": len(weakest) - len(shown),
        "chart": chart,
        "last_run": last_run(),
    }


def heatmap_tables(scope: DashboardScope) -> list[DashboardTable]:
    day = snapshot_latest_day(scope.people)
    people = {pk: (employee_id, name, unit) for pk, employee_id, name, unit in _everyone(scope)}
    cells = mastery_cells(scope.people, day=day) if day else []
    rows = [
        [*people[cell.person_id], cell.topic_name, _rounded(cell.mastery), day]
        for cell in cells
        if cell.person_id in people
    ]
    header = [*_person_header(), _("Topic"), _("Mastery (0 to 1)"), _("Snapshot of")]
    return [DashboardTable("mastery", _("Mastery by topic"), header, rows)]


# --- reviews due -------------------------------------------------------------------


def reviews_context(scope: DashboardScope) -> dict:
    until = end_of_today(scope.now)
    counts = reviews_due_counts(scope.page_person_ids, until=until)
    rows = [{"person": person, "due": counts.get(person.pk, 0)} for person in scope.page_people]
    busiest = sorted((row for row in rows if row["due"]), key=lambda row: -row["due"])
    busiest = busiest[:REVIEWS_CHART_PEOPLE]
    chart = None
    if busiest:
        chart = bar_chart(
            chart_id="reviews-chart",
            table_id="reviews-table",
            title=_("Reviews due today, by person"),
            labels=[row["person"].name for row in busiest],
            series=[Series(_("Reviews due"), [row["due"] for row in busiest])],
            fmt=_count,
        )
    if scope.page_is_everyone:  # the total is the page's rows added up
        total = sum(counts.values())
    else:
        total = reviews_due_total(scope.people, until=until)
    return {"rows": rows, "total": total, "chart": chart}


def reviews_tables(scope: DashboardScope) -> list[DashboardTable]:
    counts = reviews_due_counts(scope.people, until=end_of_today(scope.now))
    rows = [
        [employee_id, name, unit, counts.get(pk, 0)]
        for pk, employee_id, name, unit in _everyone(scope)
    ]
    header = [*_person_header(), _("Reviews due")]
    return [DashboardTable("reviews", _("Reviews due"), header, rows)]


# --- trends ------------------------------------------------------------------------


def trends_context(scope: DashboardScope, last_run) -> dict:
    figures = subtree_trends(scope.units, today=scope.today, months=TREND_MONTHS)
    labels = [f"{f.month:%Y-%m}" for f in figures]
    has_data = any(f.people or f.answers for f in figures)
    charts = {}
    if has_data:
        charts["mastery_chart"] = line_chart(
            chart_id="trend-mastery-chart",
            table_id="trends-table",
            title=_("Mean mastery by month"),
            labels=labels,
            series=[Series(_("Mean mastery"), [f.mastery for f in figures])],
            fmt=_percent,
            low=0.0,
            high=1.0,
        )
        charts["answers_chart"] = line_chart(
            chart_id="trend-answers-chart",
            table_id="trends-table",
            title=_("Answers by month"),
            labels=labels,
            series=[Series(_("Answers"), [f.answers for f in figures])],
            fmt=_count,
        )
    lines = [
        {
            "month": label,
            "mastery": _percent(f.mastery),
            "answers": f.answers,
            "accuracy": _percent(f.accuracy),
        }
        for label, f in zip(labels, figures, strict=True)
    ]
    return {"lines": lines, "has_data": has_data, "last_run": last_run(), **charts}


def trends_tables(scope: DashboardScope) -> list[DashboardTable]:
    figures = subtree_trends(scope.units, today=scope.today, months=TREND_MONTHS)
    header = [_("Month"), _("Mean mastery (0 to 1)"), _("Answers"), _("Share right (0 to 1)")]
    rows = [
        [f"{f.month:%Y-%m}", _rounded(f.mastery), f.answers, _rounded(f.accuracy)] for f in figures
    ]
    return [DashboardTable("trends", _("Trends"), header, rows)]


# --- the sections ------------------------------------------------------------------


def dashboard_sections_of(user, scope: DashboardScope) -> list[DashboardSection]:
    """The drills' sections for the hook `lianbing_dashboard_sections`."""
    last_run = cache(rollup_last_run)  # read once for the sections that show it
    return [
        DashboardSection(
            key="mastery",
            title=gettext_lazy("Mastery by topic"),
            template="quizzes/dashboard/mastery.html",
            context=lambda: heatmap_context(scope, last_run),
            tables=lambda: heatmap_tables(scope),
            exports=(("mastery", gettext_lazy("Mastery by person and topic")),),
            order=30,
        ),
        DashboardSection(
            key="reviews",
            title=gettext_lazy("Reviews due"),
            template="quizzes/dashboard/reviews.html",
            context=lambda: reviews_context(scope),
            tables=lambda: reviews_tables(scope),
            exports=(("reviews", gettext_lazy("Reviews due by person")),),
            order=40,
        ),
        DashboardSection(
            key="trends",
            title=gettext_lazy("Trends over the last 12 months"),
            template="quizzes/dashboard/trends.html",
            context=lambda: trends_context(scope, last_run),
            tables=lambda: trends_tables(scope),
            exports=(("trends", gettext_lazy("Trends by month")),),
            order=50,
        ),
    ]
