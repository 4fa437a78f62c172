"""The effectiveness figures laid out for the page's tables, its charts and
the CSV and XLSX export (the same rows, so the download holds what the page
shows)."""

from django.utils.translation import gettext as _

from charts import Series, bar_chart, percent_points

from ..selectors.effectiveness import BEFORE, COMPLETION, NOW, Figure


def point_label(point) -> str:
    if point == BEFORE:
        return _("Before the course")
    if point == COMPLETION:
        return _("At completion")
    if point == NOW:
        return _("Now")
    return _("%(days)s days after") % {"days": point}


def checkpoint_label(checkpoint) -> str:
    if checkpoint is None:
        return _("Every checkpoint")
    return _("%(days)s days after") % {"days": checkpoint}


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def points(value) -> str:
    return "—" if value is None else percent_points(value)


def rating(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def number(value) -> str:
    return "—" if value is None else f"{value:+,.2f}"


def cell(fig: Figure | None, fmt) -> dict | None:
    """A figure as the page shows it: the text, the people behind it, too few."""
    if fig is None:
        return None
    return {"text": fmt(fig.value), "people": fig.people, "too_few": fig.too_few}


def month_label(month) -> str:
    return month.strftime("%Y-%m")


def summary_lines(report) -> list[dict]:
    """One line per cohort: the four levels side by side."""
    lines = []
    for cohort in report.cohorts:
        latest = cohort.learning_latest
        lines.append(
            {
                "cohort": cohort,
                "month": month_label(cohort.month),
                "reaction": cell(cohort.reaction, rating),
                "learning_point": point_label(latest.point) if latest else "",
                "learning": cell(latest.change, points) if latest else None,
                "learning_comparison": cell(latest.comparison_change, points) if latest else None,
                "behaviour": cell(cohort.behaviour_overall.changed, percent),
                "results": [
                    {
                        "row": row,
                        "change": cell(row.change, number),
                        "comparison": cell(row.comparison_change, number),
                    }
                    for row in cohort.results
                ],
            }
        )
    return lines


def learning_lines(report) -> list[dict]:
    return [
        {
            "month": month_label(cohort.month),
            "point": point_label(row.point),
            "on": row.on,
            "mastery": cell(row.mastery, percent),
            "change": cell(row.change, points),
            "comparison": cell(row.comparison, percent),
            "comparison_change": cell(row.comparison_change, points),
        }
        for cohort in report.cohorts
        for row in cohort.learning
    ]


def behaviour_lines(report) -> list[dict]:
    return [
        {
            "month": month_label(cohort.month),
            "checkpoint": checkpoint_label(row.checkpoint),
            "changed": cell(row.changed, percent),
        }
        for cohort in report.cohorts
        for row in cohort.behaviour
    ]


def result_lines(report) -> list[dict]:
    return [
        {
            "month": month_label(cohort.month),
            "measure": row.measure,
            "before": month_label(row.before_month),
            "after": month_label(row.after_month) if row.after_month else "—",
            "change": cell(row.change, number),
            "comparison": cell(row.comparison_change, number),
        }
        for cohort in report.cohorts
        for row in cohort.results
    ]


def decay_lines(report, sent: dict) -> list[dict]:
    return [
        {
            "decay": d,
            "sent": sent.get(d.topic_id),
            "per_30_days": points(-d.per_day * 30),
            "at_completion": percent(d.at_completion),
            "at_checkpoint": percent(d.at_checkpoint),
        }
        for d in report.decay
    ]


def effectiveness_charts(report) -> dict:
    """The SVG charts; each names the table holding its numbers."""
    cohorts = report.cohorts
    if not cohorts:
        return {}
    labels = [month_label(c.month) for c in cohorts]
    charts = {
        "reaction_chart": bar_chart(
            chart_id="reaction-chart",
            table_id="summary-table",
            title=_("Mean rating of the reaction survey (1 to 5), by cohort"),
            labels=labels,
            series=[Series(_("Completers"), [c.reaction.value for c in cohorts])],
            fmt=lambda v: f"{v:.2f}",
        ),
        "learning_chart": bar_chart(
            chart_id="learning-chart",
            table_id="summary-table",
            title=_("Change in mastery since before the course, in percentage points"),
            labels=labels,
            series=[
                Series(_("Completers"), [_value(c.learning_latest, "change") for c in cohorts]),
                Series(
                    _("Comparison group"),
                    [_value(c.learning_latest, "comparison_change") for c in cohorts],
                ),
            ],
        ),
        "behaviour_chart": bar_chart(
            chart_id="behaviour-chart",
            table_id="summary-table",
            title=_("Share of observations that saw a change, by cohort"),
            labels=labels,
            series=[Series(_("Completers"), [c.behaviour_overall.changed.value for c in cohorts])],
            fmt=lambda v: f"{v * 100:.0f}%",
        ),
    }
    measures = cohorts[0].results
    charts["results_charts"] = [
        {
            "measure": row.measure,
            "svg": bar_chart(
                chart_id=f"results-chart-{row.measure.pk}",
                table_id="results-table",
                title=_("Change in %(measure)s since the month before the course")
                % {"measure": row.measure.name},
                labels=labels,
                series=[
                    Series(_("Completers"), [c.results[n].change.value for c in cohorts]),
                    Series(
                        _("Comparison group"),
                        [c.results[n].comparison_change.value for c in cohorts],
                    ),
                ],
                fmt=lambda v: f"{v:+,.2f}",
            ),
        }
        for n, row in enumerate(measures)
    ]
    if report.decay:
        charts["decay_chart"] = bar_chart(
            chart_id="decay-chart",
            table_id="decay-table",
            title=_("Change in mastery per 30 days after the course, in percentage points"),
            labels=[d.topic_name for d in report.decay],
            series=[Series(_("Completers"), [-d.per_day * 30 for d in report.decay])],
        )
    return charts


def _value(row, name):
    fig = getattr(row, name) if row else None
    return fig.value if fig else None


def export_header() -> list[str]:
    return [
        _("Cohort"),
        _("Level"),
        _("Figure"),
        _("Value"),
        _("People"),
        _("Too few"),
        _("Comparison group"),
        _("Comparison people"),
        _("Comparison too few"),
    ]


def _round(value):
    return None if value is None else round(value, 4)


def _export_row(month, level, item, fig, comparison=None) -> list:
    row = [month, level, item, _round(fig.value), fig.people, fig.too_few]
    if comparison is None:
        return [*row, None, None, None]
    return [*row, _round(comparison.value), comparison.people, comparison.too_few]


def export_rows(report) -> list[list]:
    """Every figure of the page, one per line (mastery and shares 0 to 1)."""
    rows = []
    for cohort in report.cohorts:
        month = month_label(cohort.month)
        rows.append(_export_row(month, _("Reaction"), _("Mean rating"), cohort.reaction))
        for line in cohort.learning:
            label = point_label(line.point)
            rows.append(_export_row(month, _("Learning"), label, line.mastery, line.comparison))
            if line.change is not None:
                rows.append(
                    _export_row(
                        month,
                        _("Learning"),
                        _("Change: %(point)s") % {"point": label},
                        line.change,
                        line.comparison_change,
                    )
                )
        for line in cohort.behaviour:
            rows.append(
                _export_row(month, _("Behaviour"), checkpoint_label(line.checkpoint), line.changed)
            )
        for line in cohort.results:
            after = month_label(line.after_month) if line.after_month else "—"
            item = f"{line.measure.name} {month_label(line.before_month)} → {after}"
            rows.append(_export_row(month, _("Results"), item, line.change, line.comparison_change))
    for d in report.decay:
        rows.append(
            _export_row(
                "", _("Decay per day"), d.topic_name, Figure(d.per_day, d.people, d.min_people)
            )
        )
    return rows
