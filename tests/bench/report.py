"""Ratios against the baselines, the printed table and the JSON file."""

import json
from pathlib import Path

from tests.bench.scenarios import BARE_INSERT, BARE_JSON

BASELINES = {"json": BARE_JSON, "insert": BARE_INSERT}


def _ratio(numerator, denominator) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


# A journey scenario (the morning drill) measures its answer saves as its
# requests and reports these other requests of the journey beside them.
JOURNEY_PARTS = ("start", "finish")


def _add_ratios(target: dict, measured: dict, by_name: dict) -> None:
    for key, baseline_name in BASELINES.items():
        baseline = by_name.get(baseline_name)
        target[f"vs_bare_{key}"] = {
            "rps": _ratio(measured["rps"], baseline and baseline["rps"]),
            "p50": _ratio(measured["p50_ms"], baseline and baseline["p50_ms"]),
        }


def add_ratios(results: list[dict]) -> list[dict]:
    """Give each result `vs_bare_json` and `vs_bare_insert`: its req/s and p50
    divided by the baseline's, both from this same run on this same server.
    The parts of a journey (start, finish) get theirs too."""
    by_name = {result["name"]: result["measured"] for result in results if "measured" in result}
    for result in results:
        if "unavailable" in result:
            continue
        _add_ratios(result, result["measured"], by_name)
        for part in JOURNEY_PARTS:
            if part in result:
                _add_ratios(result[part], result[part], by_name)
    return results


def _cell(value, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def _row(name: str, m: dict, ratios: dict, lost) -> str:
    vj, vi = ratios["vs_bare_json"], ratios["vs_bare_insert"]
    return (
        f"{name:<21}{m['requests']:>9}{m['errors']:>7}{m['rps']:>9.1f}"
        f"{_cell(m['p50_ms'], '.2f'):>9}{_cell(m['p95_ms'], '.2f'):>9}"
        f"{_cell(m['p99_ms'], '.2f'):>9}"
        f"  {_cell(vj['rps'], '.3f'):>10}{_cell(vj['p50'], '.2f'):>9}"
        f"  {_cell(vi['rps'], '.3f'):>9}{_cell(vi['p50'], '.2f'):>8}{_cell(lost, 'd'):>6}"
    )


def limit_verdict(result: dict) -> str | None:
    """ "within" or "OVER" the scenario's limit (as data on its Scenario), None
    when it has none or was not measured. A scenario with errors is not within."""
    scenario = result.get("scenario") or {}
    limit = scenario.get("limit_ms")
    if limit is None or "unavailable" in result:
        return None
    value = result["measured"].get(scenario.get("limit_of") or "p95_ms")
    if value is None or result["measured"]["errors"]:
        return "OVER"
    return "within" if value <= limit else "OVER"


def limit_note(result: dict) -> str | None:
    verdict = limit_verdict(result)
    if verdict is None:
        return None
    scenario = result["scenario"]
    of = (scenario.get("limit_of") or "p95_ms").removesuffix("_ms")
    value = result["measured"].get(scenario.get("limit_of") or "p95_ms")
    shown = "—" if value is None else f"{value:,.1f} ms"
    return f"{result['name']}: {of} {shown}, {verdict} the limit of {scenario['limit_ms']:,.0f} ms"


def over_limit_lines(results: list[dict]) -> list[str]:
    return [limit_note(result) for result in results if limit_verdict(result) == "OVER"]


def table(results: list[dict]) -> str:
    """One row per scenario; a journey has a row per kind of request, its
    answer saves first (req/s there is saves per second of the journey phase)."""
    head = (
        f"{'scenario':<21}{'requests':>9}{'errors':>7}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"  {'req/s÷json':>10}{'p50÷json':>9}  {'req/s÷ins':>9}{'p50÷ins':>8}{'lost':>6}"
    )
    lines = [head, "-" * len(head)]
    notes = []
    for result in results:
        if "unavailable" in result:
            lines.append(f"{result['name']:<21}  not available: {result['unavailable']}")
            continue
        verdict = limit_verdict(result)
        if verdict is not None:
            notes.append(limit_note(result))
        if "rollup" in result:
            notes.append(rollup_note(result))
        if "journey" not in result:
            mark = "  OVER LIMIT" if verdict == "OVER" else ""
            lines.append(_row(result["name"], result["measured"], result, None) + mark)
            if "matching" in result:
                notes.append(matching_note(result))
            continue
        lines.append(
            _row(f"{result['name']} save", result["measured"], result, result.get("lost_answers"))
        )
        for part in JOURNEY_PARTS:
            lines.append(_row(f"{result['name']} {part}", result[part], result[part], None))
        notes.append(journey_note(result))
    notes += [
        f"{result['name']}: {result['scenario']['note']}"
        for result in results
        if (result.get("scenario") or {}).get("note")
    ]
    return "\n".join(lines + ["", *notes] if notes else lines)


def matching_row(name: str, measured: dict) -> dict:
    """The mentor-suggestion scenario (tests/bench/matching.py) as a result row:
    its p50 is the whole run's, its req/s runs per second one at a time."""
    p50 = measured["total_p50_ms"]
    return {
        "name": name,
        "matching": measured,
        "measured": {
            "requests": measured["repeat"],
            "errors": 0,
            "rps": round(1000 / p50, 2) if p50 else 0.0,
            "p50_ms": p50,
            "p95_ms": None,
            "p99_ms": measured["total_max_ms"],
            "error_samples": [],
        },
    }


def matching_note(result: dict) -> str:
    m = result["matching"]
    verdict = "within" if m["within_limit"] else "OVER"
    return (
        f"{result['name']}: {m['mentees']} mentees, {m['mentors']} mentors, {m['places']} free "
        f"places, {m['matched']} matched; whole run (load, score, solve, save) p50 "
        f"{m['total_p50_ms']:.0f} ms, max {m['total_max_ms']:.0f} ms, {verdict} the limit of "
        f"{m['limit_ms']:.0f} ms; the solve alone p50 {m['solve_p50_ms']:.1f} ms, "
        f"max {m['solve_max_ms']:.1f} ms ({m['repeat']} runs after a warm-up run; p99 column: max)"
    )


def rollup_note(result: dict) -> str:
    r = result["rollup"]
    day = r["day"]
    return (
        f"{result['name']}: rollup_run(kind={r['kind']!r}) on {r['organisation_people']:,} "
        f"people took {r['ms'] / 1000:.1f} s (status {r['status']}, {r['people']} people "
        f"recomputed); the day's answers before the incremental run: {day['answers']:,} "
        f"from {day['people']:,} people"
    )


def journey_note(result: dict) -> str:
    j, saves, warm = result["journey"], result["measured"], result.get("warmup") or {}
    return (
        f"{result['name']}: {j['users']} trainees arriving over {j['spread_seconds']:g} s "
        f"({_cell(j['arrivals_per_second'], '.1f')}/s), think {j['think_seconds']:g} s: "
        f"{saves['requests']} saves in {j['wall_seconds']:.1f} s = {saves['rps']:.1f} saves/s; "
        f"save p50 {_cell(warm.get('p50_ms'), '.1f')} ms with {j['warmup_users']} "
        "trainees at a time (warm-up), the rows above with all of them; "
        f"{j['journeys_complete']}/{j['journeys']} journeys complete, "
        f"journey p50 {_cell(j['journey_p50_ms'], '.0f')} ms, "
        f"max {_cell(j['journey_max_ms'], '.0f')} ms, up to {j['max_in_flight']} at once; "
        f"arrival lag p99 {_cell(j['schedule_lag_p99_ms'], '.1f')} ms; "
        f"lost answers {_cell(result.get('lost_answers'), 'd')}, "
        f"unfinished attempts {_cell(result.get('unfinished_attempts'), 'd')}"
    )


def error_lines(results: list[dict]) -> list[str]:
    lines = []
    for result in results:
        for phase in ("warmup", "measured", *JOURNEY_PARTS):
            stats = result.get(phase)
            if stats and stats["errors"]:
                lines.append(f"{result['name']} ({phase}): {stats['errors']} error(s)")
                lines.extend(f"    {sample}" for sample in stats["error_samples"])
        if result.get("lost_answers") or result.get("unfinished_attempts"):
            lines.append(
                f"{result['name']}: {result['lost_answers']} lost answer(s), "
                f"{result['unfinished_attempts']} unfinished attempt(s) in the database"
            )
            check = result.get("database_check") or {}
            lines.extend(f"    {problem}" for problem in check.get("problems", []))
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
