"""Heatmaps drawn on the server as SVG: rows by columns of figures from 0 to 1,
each cell shaded by its value (darker is higher) and carrying its figure as a
tooltip. An image with a title for screen readers; the page shows the same
figures in a table (aria-describedby names it)."""

import html

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

CELL = 28
ROW_LABEL_WIDTH = 150
COLUMN_LABEL_HEIGHT = 90
EMPTY = "#f3f5f7"
# From light to dark, one shade per fifth of the range; the figure itself is
# in the table, so the shade only has to tell high from low at a glance.
SHADES = ("#f7e4d6", "#eab48f", "#cf7a4a", "#a4471f", "#6b2408")


def shade(value: float) -> str:
    """The colour of a value from 0 to 1 (values outside are clipped)."""
    clipped = min(max(value, 0.0), 1.0)
    return SHADES[min(int(clipped * len(SHADES)), len(SHADES) - 1)]


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def heatmap(
    *,
    chart_id: str,
    title: str,
    rows: list[str],
    columns: list[str],
    values: list[list[float | None]],
    table_id: str,
    fmt=_percent,
) -> SafeString:
    """`values[r][c]` is the figure of row r in column c, from 0 to 1; None
    draws an empty cell. Column labels run slanted above the grid. Drawn at its
    natural width (a page's style sheet may cap it: `max-width: 100%`)."""
    # The slanted column labels run up to the right: room for them past the last column.
    width = ROW_LABEL_WIDTH + max(len(columns), 1) * CELL + COLUMN_LABEL_HEIGHT
    height = COLUMN_LABEL_HEIGHT + max(len(rows), 1) * CELL + 8
    parts = []
    for c, column in enumerate(columns):
        cx = ROW_LABEL_WIDTH + c * CELL + CELL / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" transform="rotate(-45 {} {})">{}</text>',
                f"{cx:.1f}",
                COLUMN_LABEL_HEIGHT - 6,
                f"{cx:.1f}",
                COLUMN_LABEL_HEIGHT - 6,
                column,
            )
        )
    # A page of 50 people by 20 topics is a thousand cells: each label is
    # escaped once, not once per cell, and the cells are plain f-strings of
    # numbers and escaped text (format_html per cell was most of the page's time).
    column_texts = [escape(column) for column in columns]
    for r, row in enumerate(rows):
        top = COLUMN_LABEL_HEIGHT + r * CELL
        row_text = escape(row)
        parts.append(
            f'<text x="{ROW_LABEL_WIDTH - 6}" y="{top + CELL / 2 + 4:.1f}" font-size="12" '
            f'text-anchor="end">{row_text}</text>'
        )
        for c, column_text in enumerate(column_texts):
            value = values[r][c]
            fill = EMPTY if value is None else shade(value)
            figure = "—" if value is None else html.escape(str(fmt(value)))
            parts.append(
                f'<rect x="{ROW_LABEL_WIDTH + c * CELL}" y="{top}" width="{CELL}" '
                f'height="{CELL}" fill="{fill}" stroke="#ffffff">'
                f"<title>{row_text} · {column_text}: {figure}</title></rect>"
            )
    return format_html(
        '<svg class="chart chart--heatmap" id="{}" role="img" aria-labelledby="{}-title" '
        'aria-describedby="{}" viewBox="0 0 {} {}" width="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        chart_id,
        table_id,
        width,
        height,
        width,
        chart_id,
        escape(title),
        mark_safe("".join(parts)),  # every part above has its text escaped
    )
