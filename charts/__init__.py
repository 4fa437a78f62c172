"""Charts drawn on the server as SVG, for any app: no script, no outside file.
Each chart has a title for screen readers and the page shows its numbers in a
table beside it. Knows nothing of the apps."""

from .bars import Series, bar_chart, percent_points

__all__ = ["Series", "bar_chart", "percent_points"]
