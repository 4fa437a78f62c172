"""Ratios against the baselines, the printed table and the JSON file."""

import json
from pathlib import Path

from tests.bench.scenarios import BARE_INSERT, BARE_JSON

BASELINES = {"json": BARE_JSON, "insert": BARE_INSERT}


def _ratio(numerator, denominator) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


def add_ratios(results: list[dict]) -> list[dict]:
    """Give each result `vs_bare_json` and `vs_bare_insert`: its req/s and p50
    divided by the baseline's, both from this same run on this same server."""
    by_name = {result["name"]: result["measured"] for result in results}
    for result in results:
        measured = result["measured"]
        for key, baseline_name in BASELINES.items():
            baseline = by_name.get(baseline_name)
            result[f"vs_bare_{key}"] = {
                "rps": _ratio(measured["rps"], baseline and baseline["rps"]),
                "p50": _ratio(measured["p50_ms"], baseline and baseline["p50_ms"]),
            }
    return results


def _cell(value, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def table(results: list[dict]) -> str:
    head = (
        f"{'scenario':<16}{'requests':>9}{'errors':>7}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"  {'req/s÷json':>10}{'p50÷json':>9}  {'req/s÷ins':>9}{'p50÷ins':>8}"
    )
    lines = [head, "-" * len(head)]
    for result in results:
        m, vj, vi = result["measured"], result["vs_bare_json"], result["vs_bare_insert"]
        lines.append(
            f"{result['name']:<16}{m['requests']:>9}{m['errors']:>7}{m['rps']:>9.1f}"
            f"{_cell(m['p50_ms'], '.2f'):>9}{_cell(m['p95_ms'], '.2f'):>9}"
            f"{_cell(m['p99_ms'], '.2f'):>9}"
            f"  {_cell(vj['rps'], '.3f'):>10}{_cell(vj['p50'], '.2f'):>9}"
            f"  {_cell(vi['rps'], '.3f'):>9}{_cell(vi['p50'], '.2f'):>8}"
        )
    return "\n".join(lines)


def error_lines(results: list[dict]) -> list[str]:
    lines = []
    for result in results:
        for phase in ("warmup", "measured"):
            stats = result[phase]
            if stats["errors"]:
                lines.append(f"{result['name']} ({phase}): {stats['errors']} error(s)")
                lines.extend(f"    {sample}" for sample in stats["error_samples"])
    return lines


def write(report: dict, folder: Path, stamp: str, *, latest: bool) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    paths = [folder / f"{stamp}.json"]
    if latest:
        paths.append(folder / "latest.json")
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths
