"""Charts drawn on the server as SVG, for any app: no script, no outside file.
Each chart has a title for screen readers and the page shows its numbers in a
table beside it. Knows nothing of the apps.

- `bar_chart`: horizontal bars, one group per label, around a zero line;
- `line_chart`: figures over time, one line per series;
- `heatmap`: rows by columns of figures from 0 to 1, shaded.
"""

from .bars import Series, bar_chart, percent_points
from .heatmap import heatmap
from .lines import line_chart

__all__ = ["Series", "bar_chart", "heatmap", "line_chart", "percent_points"]
