"""The report's figures laid out for export and for the charts."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from charts import Series, bar_chart


def outcome_header() -> list[str]:
    return [
        _("Mentor"),
        _("Mentee"),
        pgettext("pair", "Status"),
        _("Started on"),
        _("Measured to"),
        _("Agreed topics"),
        _("Mentee mastery at start"),
        _("Mentee mastery at end"),
        _("Mentee change"),
        _("Comparable colleagues"),
        _("Comparison change"),
        _("Too few to compare"),
        _("Mentee change minus comparison change"),
    ]


def _rounded(value):
    return None if value is None else round(value, 4)


def outcome_rows(report) -> list[list]:
    return [
        [
            o.pair.mentor.name,
            o.pair.mentee.name,
            o.pair.get_status_display(),
            o.start,
            o.end,
            "、".join(o.topic_names),
            _rounded(o.mentee_before),
            _rounded(o.mentee_after),
            _rounded(o.mentee_change),
            o.comparison_count,
            _rounded(o.comparison_change),
            o.too_few,
            _rounded(o.difference),
        ]
        for o in report.measured
    ]


def report_charts(report, ranking=None) -> dict:
    """The SVG charts of the report (outcomes, ranking) or of the trainers' ranking."""
    charts = {}
    if report is not None:
        measured = report.measured
        if measured:
            charts["outcomes_chart"] = bar_chart(
                chart_id="outcomes-chart",
                table_id="outcomes-table",
                title=_("Change in mastery of the agreed topics, in percentage points"),
                labels=[f"{o.pair.mentee.name} · {o.pair.mentor.name}" for o in measured],
                series=[
                    Series(_("Mentee"), [o.mentee_change for o in measured]),
                    Series(_("Comparable colleagues"), [o.comparison_change for o in measured]),
                ],
            )
        scores = report.ranking
    else:
        scores = [ranked.score for ranked in ranking]
    scored = [s for s in scores if s.effectiveness is not None]
    if scored:
        charts["ranking_chart"] = bar_chart(
            chart_id="ranking-chart",
            table_id="ranking-table",
            title=_("Mentor effectiveness, in percentage points"),
            labels=[s.mentor.name for s in scored],
            series=[Series(_("Effectiveness"), [s.effectiveness for s in scored])],
        )
    return charts


def points(value) -> str:
    """A change in mastery as signed percentage points, "—" when unknown."""
    return "—" if value is None else f"{value * 100:+.1f}"


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def outcome_lines(report) -> list[dict]:
    """The outcomes table of the page: figures already formatted."""
    return [
        {
            "outcome": o,
            "before": percent(o.mentee_before),
            "after": percent(o.mentee_after),
            "change": points(o.mentee_change),
            "comparison_before": percent(o.comparison_before),
            "comparison_change": points(o.comparison_change),
            "difference": points(o.difference),
        }
        for o in report.outcomes
    ]


def ranking_lines(scores) -> list[dict]:
    return [{"score": s, "effectiveness": points(s.effectiveness)} for s in scores]
