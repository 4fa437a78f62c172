"""The building block charts: line charts and heatmaps are accessible images
(role, title, the table that holds their numbers), escape their text, place
their points where the figures say, and leave gaps where a figure is missing."""

import re

from charts import Series, heatmap, line_chart
from charts.heatmap import EMPTY, SHADES, shade


def test_a_line_chart_is_an_image_with_a_title_described_by_its_table():
    svg = line_chart(
        chart_id="c",
        title="Mean <mastery>",
        labels=["2026-01", "2026-02"],
        series=[Series("A", [0.2, 0.4])],
        table_id="t",
    )
    assert svg.startswith('<svg class="chart" id="c" role="img" aria-labelledby="c-title"')
    assert 'aria-describedby="t"' in svg
    assert '<title id="c-title">Mean &lt;mastery&gt;</title>' in svg


def test_a_line_chart_places_its_points_by_value_and_breaks_at_a_gap():
    svg = line_chart(
        chart_id="c",
        title="t",
        labels=["a", "b", "c", "d"],
        series=[Series("S", [0.0, 1.0, None, 0.5])],
        table_id="t",
        low=0.0,
        high=1.0,
    )
    points = [
        (float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    ]
    assert len(points) == 3, "no dot for the missing value"
    (x0, y0), (x1, y1), (x3, y3) = points
    assert x0 < x1 < x3
    assert y1 < y3 < y0, "higher values sit higher"
    assert abs(y3 - (y0 + y1) / 2) < 0.2
    # One polyline for the first two points; the last point stands alone.
    assert len(re.findall(r"<polyline", svg)) == 1
    assert "<title>S d: 0.5</title>" in svg


def test_a_line_chart_of_one_month_or_no_values_still_draws():
    svg = line_chart(chart_id="c", title="t", labels=["a"], series=[Series("S", [3])], table_id="t")
    assert svg.count("<circle") == 1
    svg = line_chart(
        chart_id="c", title="t", labels=["a"], series=[Series("S", [None])], table_id="t"
    )
    assert "<circle" not in svg


def test_a_heatmap_shades_each_cell_by_its_value_and_leaves_missing_ones_empty():
    svg = heatmap(
        chart_id="h",
        title="Mastery",
        rows=["甲", "<乙>"],
        columns=["利率", "產品"],
        values=[[0.0, 0.95], [None, 0.5]],
        table_id="ht",
    )
    assert 'role="img"' in svg and 'aria-describedby="ht"' in svg
    fills = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"', svg)
    assert fills == [SHADES[0], SHADES[-1], EMPTY, SHADES[2]]
    assert "&lt;乙&gt;" in svg and "<乙>" not in svg
    assert "<title>甲 · 產品: 95%</title>" in svg
    assert "<title>&lt;乙&gt; · 利率: —</title>" in svg


def test_shade_clips_values_outside_zero_to_one():
    assert shade(-1) == SHADES[0]
    assert shade(1.0) == SHADES[-1]
    assert shade(7) == SHADES[-1]
