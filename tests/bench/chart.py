"""The capacity scenario's chart: latency against load, as plain SVG.

Trainees on the x axis (linear, a tick at each step), milliseconds on the y
axis (logarithmic: the knee goes from tens of milliseconds to seconds), one
line each for save p50, save p95 and finish p95, the save bound drawn across,
and the largest step held marked. Written by hand (no plotting library): a
viewBox, text labels, a <title> on every point for its exact value.
"""

import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 760, 490
LEFT, PLOT_RIGHT, TOP, BOTTOM = 80, 570, 60, 390  # the plot area's edges
SERIES = (
    # key, label, colour, dash
    ("save_p50", "save p50", "#1f77b4", ""),
    ("save_p95", "save p95", "#d62728", ""),
    ("finish_p95", "finish p95", "#9467bd", "6 4"),
)
FONT = 'font-family="sans-serif"'
SMALL, NORMAL, LARGE = 'font-size="11"', 'font-size="13"', 'font-size="16"'


def points(capacity: dict) -> list[dict]:
    """The chart's points from a capacity result (report row["capacity"])."""
    return [
        {
            "users": step["journey"]["users"],
            "save_p50": step["measured"]["p50_ms"],
            "save_p95": step["measured"]["p95_ms"],
            "finish_p95": step["finish"]["p95_ms"],
            "held": step.get("held", False),
        }
        for step in sorted(capacity["steps"], key=lambda s: s["journey"]["users"])
    ]


def _ticks(low: float, high: float) -> list[float]:
    """1-2-5 ticks from the last at or below `low` to the first at or above
    `high` (low < high, both positive)."""
    steps, exponent = [], math.floor(math.log10(low)) - 1
    while not steps or steps[-1] < high:
        steps += [mantissa * 10**exponent for mantissa in (1, 2, 5)]
        exponent += 1
    first = max(i for i, value in enumerate(steps) if value <= low)
    last = min(i for i, value in enumerate(steps) if value >= high)
    return steps[first : last + 1]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"


def capacity_svg(
    data: list[dict], *, limit_ms: float, held: int | None, title: str, subtitle: str = ""
) -> str:
    values = [p[key] for p in data for key, *_ in SERIES if p.get(key)]
    values = [max(v, 0.1) for v in values] + [limit_ms]
    ticks = _ticks(min(values) / 1.2, max(values) * 1.2)
    y_low, y_high = math.log10(ticks[0]), math.log10(ticks[-1])
    x_high = max([p["users"] for p in data] or [1])

    def x(users: float) -> float:
        return LEFT + (PLOT_RIGHT - LEFT) * users / x_high

    def y(ms: float) -> float:
        share = (math.log10(max(ms, 0.1)) - y_low) / (y_high - y_low)
        return BOTTOM - (BOTTOM - TOP) * share

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="26" {FONT} {LARGE} font-weight="bold">{escape(title)}</text>',
    ]
    if subtitle:
        out.append(f'<text x="{LEFT}" y="45" {FONT} {NORMAL} fill="#555">{escape(subtitle)}</text>')
    # Axes, grid and their labels.
    out.append(f'<path d="M{LEFT},{TOP} V{BOTTOM} H{PLOT_RIGHT}" fill="none" stroke="#333"/>')
    for tick in ticks:
        ty = y(tick)
        out.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{PLOT_RIGHT}" y2="{ty:.1f}" stroke="#e5e5e5"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" {FONT} {NORMAL} text-anchor="end">{_number(tick)}</text>'
        )
    for point in data:
        tx = x(point["users"])
        out.append(
            f'<line x1="{tx:.1f}" y1="{BOTTOM}" x2="{tx:.1f}" y2="{BOTTOM + 5}" stroke="#333"/>'
        )
        out.append(
            f'<text x="{tx:.1f}" y="{BOTTOM + 20}" {FONT} {NORMAL} text-anchor="middle">'
            f"{point['users']:,}</text>"
        )
    out.append(
        f'<text x="{(LEFT + PLOT_RIGHT) / 2:.1f}" y="{BOTTOM + 45}" {FONT} {NORMAL} text-anchor="middle">'
        "trainees in the drill (arriving over the same window)</text>"
    )
    out.append(
        f'<text x="20" y="{(TOP + BOTTOM) / 2:.1f}" {FONT} {NORMAL} text-anchor="middle" '
        f'transform="rotate(-90 20 {(TOP + BOTTOM) / 2:.1f})">milliseconds (log scale)</text>'
    )
    # The bound, and the largest step held.
    ly = y(limit_ms)
    out.append(
        f'<line x1="{LEFT}" y1="{ly:.1f}" x2="{PLOT_RIGHT}" y2="{ly:.1f}" stroke="#d62728" '
        'stroke-dasharray="2 4" stroke-width="1.5"/>'
    )
    out.append(
        f'<text x="{PLOT_RIGHT + 6}" y="{ly + 4:.1f}" {FONT} {NORMAL} fill="#d62728">'
        f"limit {_number(limit_ms)} ms</text>"
    )
    if held is not None:
        hx = x(held)
        out.append(
            f'<line x1="{hx:.1f}" y1="{TOP}" x2="{hx:.1f}" y2="{BOTTOM}" stroke="#2ca02c" '
            'stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<text x="{hx - 4:.1f}" y="{TOP + 14}" {FONT} {NORMAL} fill="#2ca02c" text-anchor="end">'
            f"held: {held:,}</text>"
        )
    # The lines and their points.
    for key, label, colour, dash in SERIES:
        shown = [p for p in data if p.get(key) is not None]
        if len(shown) > 1:
            path = " ".join(f"{x(p['users']):.1f},{y(p[key]):.1f}" for p in shown)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<polyline class="{key}" points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dashes}/>'
            )
        for p in shown:
            out.append(
                f'<circle class="{key}" cx="{x(p["users"]):.1f}" cy="{y(p[key]):.1f}" r="4" '
                f'fill="{colour}"><title>{label}, {p["users"]:,} trainees: '
                f"{p[key]:,.1f} ms</title></circle>"
            )
            if key == "save_p95":
                out.append(
                    f'<text x="{x(p["users"]):.1f}" y="{y(p[key]) - 9:.1f}" {FONT} '
                    f'{SMALL} fill="{colour}" text-anchor="middle">'
                    f"{_number(p[key])}</text>"
                )
    # The legend, in a row under the axis title (the right margin has the bound's label).
    for row, (_key, label, colour, dash) in enumerate(SERIES):
        lx, ly = LEFT + row * 150, HEIGHT - 16
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 30}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2"{dashes}/>'
        )
        out.append(f'<text x="{lx + 36}" y="{ly + 4}" {FONT} {NORMAL}>{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
