"""Bar charts drawn on the server as SVG: no script, no outside file, readable
on a phone. Each chart is an image with a title for screen readers; the page
puts the same numbers in a table beside it (aria-describedby names it), so
nothing is only in the picture.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 170
VALUE_WIDTH = 56
BAR_HEIGHT = 14
GAP = 10
COLOURS = ("#1f5fa8", "#8a5a00", "#5b6770")  # dark enough on white in daylight


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def percent_points(value: float) -> str:
    """0.123 -> "+12.3" (percentage points of mastery)."""
    return f"{value * 100:+.1f}"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[Series],
    table_id: str,
    fmt=percent_points,
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series, around a zero
    line (values may be negative); a missing value draws no bar."""
    values = [v for s in series for v in s.values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH

    def x(value: float) -> float:
        return LABEL_WIDTH + (value - low) / span * plot

    group = len(series) * BAR_HEIGHT + GAP
    legend_height = 22 if len(series) > 1 else 0
    height = legend_height + len(labels) * group + GAP
    parts = []
    for n, s in enumerate(series if len(series) > 1 else []):
        parts.append(
            format_html(
                '<rect x="{}" y="4" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="14" font-size="12">{}</text>',
                LABEL_WIDTH + n * 200,
                COLOURS[n % len(COLOURS)],
                LABEL_WIDTH + n * 200 + 16,
                s.name,
            )
        )
    for row, label in enumerate(labels):
        top = legend_height + row * group + GAP / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                LABEL_WIDTH - 6,
                f"{top + group / 2:.1f}",
                label,
            )
        )
        for n, s in enumerate(series):
            value = s.values[row]
            if value is None:
                continue
            left, right = sorted((x(0.0), x(value)))
            y = top + n * BAR_HEIGHT
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}: {}</title></rect>"
                    '<text x="{}" y="{}" font-size="11">{}</text>',
                    f"{left:.1f}",
                    f"{y:.1f}",
                    f"{max(right - left, 1):.1f}",
                    BAR_HEIGHT - 2,
                    COLOURS[n % len(COLOURS)],
                    s.name,
                    fmt(value),
                    f"{WIDTH - VALUE_WIDTH + 4}",
                    f"{y + BAR_HEIGHT - 3:.1f}",
                    fmt(value),
                )
            )
    zero = x(0.0)
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#222" stroke-width="1"/>',
            f"{zero:.1f}",
            legend_height,
            f"{zero:.1f}",
            height,
        )
    )
    return format_html(
        '<svg class="chart" id="{}" role="img" aria-labelledby="{}-title" aria-describedby="{}" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        chart_id,
        table_id,
        WIDTH,
        f"{height:.0f}",
        chart_id,
        escape(title),
        mark_safe("".join(parts)),  # every part was built by format_html above
    )
