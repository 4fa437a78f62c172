"""`make bench`'s history: bench-results/history.csv, one line per row of the
printed table (a scenario, or a part or step of a journey) for every full run
(not --smoke), so that the next run can print each ratio beside the last one
and a slowdown shows.

Columns: FIELDS. The ratios are this run's req/s and p50 divided by those of
the baselines measured in the same run (on the same server, under the same
load from the rest of the machine), which is what makes runs comparable;
`ratio` is req/s against the row's own baseline (`Scenario.baseline`: the bare
JSON view for pages, the bare INSERT for the morning drill). A file written by
an older version with other columns is rewritten with today's, its values
kept under the names both know.
"""

import csv
from pathlib import Path

FIELDS = (
    "timestamp",
    "git_commit",
    "scenario",
    "requests",
    "errors",
    "rps",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "baseline",
    "ratio",
    "rps_vs_bare_json",
    "p50_vs_bare_json",
    "rps_vs_bare_insert",
    "p50_vs_bare_insert",
    "lost",
    "verdict",
    "capacity",
    "driver_cpu_share",
)
# The ratios the table shows, each beside the previous run's.
RATIOS = ("rps_vs_bare_json", "p50_vs_bare_json", "rps_vs_bare_insert", "p50_vs_bare_insert")


def _read(path: Path) -> tuple[list[str], list[dict]]:
    if not path.exists():
        return [], []
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def previous(path: Path) -> dict[str, dict]:
    """The last line of each row name in the history: {name: {field: value}},
    numbers as floats (None when empty)."""
    _, lines = _read(path)
    last = {}
    for line in lines:
        last[line.get("scenario")] = {
            key: _number(value) if key not in ("timestamp", "git_commit", "scenario") else value
            for key, value in line.items()
        }
    return last


def _number(value):
    if value in (None, ""):
        return None
    try:
        return float(value)
    except ValueError:
        return value


def append(path: Path, lines: list[dict]) -> None:
    """Add `lines` (dicts with FIELDS' keys) at the end of the history."""
    fields, old = _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fields and fields != list(FIELDS):
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(old)
        fields = list(FIELDS)
    with path.open("a", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, FIELDS, extrasaction="ignore")
        if not fields:
            writer.writeheader()
        for line in lines:
            writer.writerow({key: "" if line.get(key) is None else line[key] for key in FIELDS})


def lines(rows: list[dict], *, timestamp: str, commit: str | None) -> list[dict]:
    """History lines of the report's table rows (report.table_rows); a
    scenario that could not run has none."""
    out = []
    for row in rows:
        if "unavailable" in row:
            continue
        m, ratios = row["measured"], row["ratios"]
        out.append(
            {
                "timestamp": timestamp,
                "git_commit": commit,
                "scenario": row["name"],
                "requests": m["requests"],
                "errors": m["errors"],
                "rps": m["rps"],
                "p50_ms": m["p50_ms"],
                "p95_ms": m["p95_ms"],
                "p99_ms": m["p99_ms"],
                "baseline": row["baseline"],
                "ratio": row["ratio"],
                "rps_vs_bare_json": ratios["vs_bare_json"]["rps"],
                "p50_vs_bare_json": ratios["vs_bare_json"]["p50"],
                "rps_vs_bare_insert": ratios["vs_bare_insert"]["rps"],
                "p50_vs_bare_insert": ratios["vs_bare_insert"]["p50"],
                "lost": row["lost"],
                "verdict": row["verdict"],
                "capacity": row.get("capacity"),
                "driver_cpu_share": row.get("driver_cpu_share"),
            }
        )
    return out
