"""Line charts drawn on the server as SVG, for figures over time (months, days).
Like the bar charts: an image with a title for screen readers, whose numbers
the page also shows in a table (aria-describedby names it)."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .bars import COLOURS, Series

WIDTH = 640
HEIGHT = 240
LEFT = 56  # room for the axis' figures
RIGHT = 32  # room for half the last label along the bottom
TOP = 20  # room for half the top figure of the axis
BOTTOM = 40  # room for the labels along the bottom
GRID_LINES = 4


def _plain(value: float) -> str:
    return f"{value:g}"


def line_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[Series],
    table_id: str,
    fmt=_plain,
    low: float | None = 0.0,
    high: float | None = None,
) -> SafeString:
    """One line per series across `labels` (left to right, oldest first), with a
    dot and a tooltip at each point. A missing value (None) breaks the line.
    The vertical axis runs from `low` to `high` (by default 0 to the largest
    value); `fmt` writes a value on the axis and in the tooltips."""
    values = [v for s in series for v in s.values if v is not None]
    bottom = min(values, default=0.0) if low is None else low
    top = max([*values, bottom], default=1.0) if high is None else high
    span = (top - bottom) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return LEFT + index * step if len(labels) > 1 else LEFT + plot_w / 2

    def y(value: float) -> float:
        return TOP + plot_h - (value - bottom) / span * plot_h

    parts = []
    for n in range(GRID_LINES + 1):
        value = bottom + span * n / GRID_LINES
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d5dae1" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
                LEFT,
                f"{y(value):.1f}",
                WIDTH - RIGHT,
                f"{y(value):.1f}",
                LEFT - 6,
                f"{y(value) + 4:.1f}",
                fmt(value),
            )
        )
    for index, label in enumerate(labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                f"{x(index):.1f}",
                HEIGHT - BOTTOM + 16,
                label,
            )
        )
    for n, s in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        run: list[str] = []
        runs = [run]
        for index, value in enumerate(s.values):
            if value is None:
                run = []
                runs.append(run)
                continue
            run.append(f"{x(index):.1f},{y(value):.1f}")
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}: {}</title></circle>',
                    f"{x(index):.1f}",
                    f"{y(value):.1f}",
                    colour,
                    s.name,
                    labels[index],
                    fmt(value),
                )
            )
        for points in runs:
            if len(points) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                        " ".join(points),
                        colour,
                    )
                )
    if len(series) > 1:
        for n, s in enumerate(series):
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="12" height="4" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="12">{}</text>',
                    LEFT + n * 200,
                    HEIGHT - 10,
                    COLOURS[n % len(COLOURS)],
                    LEFT + n * 200 + 16,
                    HEIGHT - 5,
                    s.name,
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
        HEIGHT,
        chart_id,
        escape(title),
        mark_safe("".join(parts)),  # every part was built by format_html above
    )
