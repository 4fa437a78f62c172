"""Ratios against the baselines, the printed table and the JSON file."""

import functools
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
# A Scenario's floor_of / baseline, as the key of its ratios.
RATIO_KEYS = {name: f"vs_bare_{key}" for key, name in BASELINES.items()}


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
    The parts of a journey (start, finish) get theirs too, and so does each
    step of a capacity scenario."""
    by_name = {result["name"]: result["measured"] for result in results if "measured" in result}
    for result in results:
        if "unavailable" in result:
            continue
        _add_ratios(result, result["measured"], by_name)
        for part in JOURNEY_PARTS:
            if part in result:
                _add_ratios(result[part], result[part], by_name)
        for step in (result.get("capacity") or {}).get("steps", []):
            _add_ratios(step, step["measured"], by_name)
            for part in JOURNEY_PARTS:
                _add_ratios(step[part], step[part], by_name)
    return results


def _cell(value, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


# --- bounds ------------------------------------------------------------------


def limit_checks(result: dict) -> list[dict]:
    """The bounds a result is held to, as data on its Scenario: `limit_ms` on
    its `limit_of` (the saves of a journey), `part_limits_ms` on the p95 of the
    parts of a journey, `floor_ratio` on its req/s against a baseline's. Each
    {"part": "measured" or a journey part, "ok", "text"}. Errors or lost
    answers are never within a bound. A capacity scenario has none: its
    limit_ms is what a step must keep to count as held."""
    scenario = result.get("scenario") or {}
    if "unavailable" in result or "capacity" in result:
        return []
    name, measured = result["name"], result["measured"]
    failed = measured["errors"] or result.get("lost_answers")
    checks = []
    limit = scenario.get("limit_ms")
    if limit is not None:
        of = scenario.get("limit_of") or "p95_ms"
        value = measured.get(of)
        ok = value is not None and not failed and value <= limit
        shown = "—" if value is None else f"{value:,.1f} ms"
        checks.append(
            {
                "part": "measured",
                "ok": ok,
                "text": f"{name}: {of.removesuffix('_ms')} {shown}, "
                f"{'within' if ok else 'OVER'} the limit of {limit:,.0f} ms",
            }
        )
    for part, bound in (scenario.get("part_limits_ms") or {}).items():
        stats = result.get(part) or {}
        value = stats.get("p95_ms")
        ok = value is not None and not stats.get("errors") and value <= bound
        shown = "—" if value is None else f"{value:,.1f} ms"
        checks.append(
            {
                "part": part,
                "ok": ok,
                "text": f"{name} {part}: p95 {shown}, "
                f"{'within' if ok else 'OVER'} the limit of {bound:,.0f} ms",
            }
        )
    floor = scenario.get("floor_ratio")
    if floor is not None:
        of = scenario.get("floor_of") or BARE_INSERT
        value = (result.get(RATIO_KEYS.get(of, "")) or {}).get("rps")
        ok = value is not None and not failed and value >= floor
        checks.append(
            {
                "part": "measured",
                "ok": ok,
                "text": f"{name}: req/s ÷ {of} req/s {_cell(value, '.3f')}, "
                f"{'at or above' if ok else 'BELOW'} the floor of {floor:.2f}",
            }
        )
    return checks


def limit_verdict(result: dict) -> str | None:
    """ "within" or "OVER" the scenario's bounds (see limit_checks), None when
    it has none or was not measured."""
    checks = limit_checks(result)
    if not checks:
        return None
    return "within" if all(check["ok"] for check in checks) else "OVER"


def over_limit_lines(results: list[dict]) -> list[str]:
    return [c["text"] for result in results for c in limit_checks(result) if not c["ok"]]


# --- the table -----------------------------------------------------------------


def _baseline_ratio(result: dict, ratios: dict) -> float | None:
    baseline = (result.get("scenario") or {}).get("baseline") or BARE_JSON
    return (ratios.get(RATIO_KEYS.get(baseline, "")) or {}).get("rps")


def _table_row(result, name, measured, ratios, *, lost=None, verdict=None, mark="") -> dict:
    return {
        "name": name,
        "measured": measured,
        "ratios": {
            key: ratios.get(key) or {"rps": None, "p50": None} for key in RATIO_KEYS.values()
        },
        "baseline": (result.get("scenario") or {}).get("baseline") or BARE_JSON,
        "ratio": _baseline_ratio(result, ratios),
        "lost": lost,
        "verdict": verdict,
        "mark": mark,
        "driver_cpu_share": measured.get("driver_cpu_share"),
    }


def _marked(checks: list[dict], part: str) -> dict:
    """A table row's verdict and mark from the checks of its part."""
    mine = [check for check in checks if check["part"] == part]
    if not mine:
        return {"verdict": None, "mark": ""}
    if all(check["ok"] for check in mine):
        return {"verdict": "within", "mark": ""}
    return {"verdict": "OVER", "mark": "  OVER LIMIT"}


def table_rows(results: list[dict]) -> list[dict]:
    """The rows of the printed table, which are also the lines of the
    history: a scenario; a journey's saves, start and finish; a capacity
    scenario's largest step held, then each step's saves."""
    rows = []
    for result in results:
        if "unavailable" in result:
            rows.append({"name": result["name"], "unavailable": result["unavailable"]})
            continue
        marked = functools.partial(_marked, limit_checks(result))
        if "capacity" in result:
            capacity = result["capacity"]
            held = capacity["held"]
            row = _table_row(
                result,
                result["name"],
                result["measured"],
                result,
                verdict=f"held {held}" if held else "none held",
                mark=f"  held {held:,}" if held else "  none held",
            )
            row["capacity"] = held
            rows.append(row)
            for step in capacity["steps"]:
                users = step["journey"]["users"]
                row = _table_row(
                    result,
                    f"{result['name']} {users}",
                    step["measured"],
                    step,
                    lost=step["lost_answers"],
                    verdict="held" if step["held"] else "over",
                    mark="  held" if step["held"] else "  not held",
                )
                row["driver_cpu_share"] = step["journey"].get("driver_cpu_share")
                rows.append(row)
            continue
        if "journey" not in result:
            rows.append(
                _table_row(result, result["name"], result["measured"], result, **marked("measured"))
            )
            continue
        row = _table_row(
            result,
            f"{result['name']} save",
            result["measured"],
            result,
            lost=result.get("lost_answers"),
            **marked("measured"),
        )
        row["driver_cpu_share"] = result["journey"].get("driver_cpu_share")
        rows.append(row)
        for part in JOURNEY_PARTS:
            rows.append(
                _table_row(
                    result, f"{result['name']} {part}", result[part], result[part], **marked(part)
                )
            )
    return rows


def _ratio_cell(value, fmt: str) -> str:
    """A ratio; a whole number from 100 on (a timed run's p50 is thousands of
    times the baseline's), so that the columns stay apart."""
    if value is not None and abs(value) >= 100:
        return format(value, ",.0f")
    return _cell(value, fmt)


def _was(previous: dict | None, name: str, key: str, fmt: str) -> str:
    value = ((previous or {}).get(name) or {}).get(key)
    return _ratio_cell(value if isinstance(value, float) else None, fmt)


def table(results: list[dict], previous: dict[str, dict] | None = None) -> str:
    """One row per scenario; a journey has a row per kind of request, its
    answer saves first (req/s there is saves per second of the journey phase);
    a capacity scenario the largest step held, then a row per step. Each ratio
    has the previous run's beside it ("was", from the history), so that a
    slowdown shows."""
    rows = table_rows(results)
    width = max([21] + [len(row["name"]) + 1 for row in rows])
    head = (
        f"{'scenario':<{width}}{'requests':>9}{'errors':>7}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"  {'req/s÷json':>10} {'was':>7} {'p50÷json':>8} {'was':>7}"
        f"  {'req/s÷ins':>9} {'was':>7} {'p50÷ins':>7} {'was':>7}{'lost':>6}"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        if "unavailable" in row:
            lines.append(f"{row['name']:<{width}}  not available: {row['unavailable']}")
            continue
        m, vj, vi = row["measured"], row["ratios"]["vs_bare_json"], row["ratios"]["vs_bare_insert"]
        name = row["name"]
        lines.append(
            f"{name:<{width}}{m['requests']:>9}{m['errors']:>7}{m['rps']:>9.1f}"
            f"{_cell(m['p50_ms'], '.2f'):>9}{_cell(m['p95_ms'], '.2f'):>9}"
            f"{_cell(m['p99_ms'], '.2f'):>9}"
            f"  {_ratio_cell(vj['rps'], '.3f'):>10} {_was(previous, name, 'rps_vs_bare_json', '.3f'):>7}"
            f" {_ratio_cell(vj['p50'], '.2f'):>8} {_was(previous, name, 'p50_vs_bare_json', '.2f'):>7}"
            f"  {_ratio_cell(vi['rps'], '.3f'):>9} {_was(previous, name, 'rps_vs_bare_insert', '.3f'):>7}"
            f" {_ratio_cell(vi['p50'], '.2f'):>7} {_was(previous, name, 'p50_vs_bare_insert', '.2f'):>7}"
            f"{_cell(row['lost'], 'd'):>6}{row['mark']}"
        )
    notes = []
    for result in results:
        if "unavailable" in result:
            continue
        notes += [check["text"] for check in limit_checks(result)]
        if "rollup" in result:
            notes.append(rollup_note(result))
        if "matching" in result:
            notes.append(matching_note(result))
        if "capacity" in result:
            notes.append(capacity_note(result, previous))
        elif "journey" in result:
            notes.append(journey_note(result))
    notes += [
        f"{result['name']}: {result['scenario']['note']}"
        for result in results
        if (result.get("scenario") or {}).get("note")
    ]
    cpu = driver_cpu_note(results)
    if cpu:
        notes.append(cpu)
    if previous is not None:
        notes.append("was: the same ratio in the previous full run (bench-results/history.csv)")
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


def _pace(j: dict) -> str:
    return (
        f"{j['users']} trainees arriving over {j['spread_seconds']:g} s "
        f"({_cell(j['arrivals_per_second'], '.1f')}/s), think {j['think_seconds']:g} s"
    )


def _driver(j: dict) -> str:
    return (
        f"load driver CPU {j['driver_cpu_seconds']:.1f} s in {j['driver_wall_seconds']:.0f} s "
        f"({j['driver_cpu_share']:.1%} of one core)"
    )


def journey_note(result: dict) -> str:
    j, saves, warm = result["journey"], result["measured"], result.get("warmup") or {}
    return (
        f"{result['name']}: {_pace(j)}: "
        f"{saves['requests']} saves in {j['wall_seconds']:.1f} s = {saves['rps']:.1f} saves/s; "
        f"save p50 {_cell(warm.get('p50_ms'), '.1f')} ms with {j['warmup_users']} "
        "trainees at a time (warm-up), the rows above with all of them; "
        f"{j['journeys_complete']}/{j['journeys']} journeys complete, "
        f"journey p50 {_cell(j['journey_p50_ms'], '.0f')} ms, "
        f"max {_cell(j['journey_max_ms'], '.0f')} ms, up to {j['max_in_flight']} at once "
        f"on {j['ports']} server(s), {j['connections']} connections opened "
        f"({j.get('resent', 0)} requests sent again on a new one); "
        f"arrival lag p99 {_cell(j['schedule_lag_p99_ms'], '.1f')} ms; "
        f"lost answers {_cell(result.get('lost_answers'), 'd')}, "
        f"unfinished attempts {_cell(result.get('unfinished_attempts'), 'd')}; {_driver(j)}"
    )


def capacity_note(result: dict, previous: dict | None = None) -> str:
    capacity = result["capacity"]
    held, limit = capacity["held"], capacity["limit_ms"]
    was = ((previous or {}).get(result["name"]) or {}).get("capacity")
    was_text = "" if previous is None else f" (previous run: {_cell(was, ',.0f')})"
    steps = "; ".join(
        f"{s['journey']['users']:,} {'held' if s['held'] else 'NOT held'}: save p50 "
        f"{_cell(s['measured']['p50_ms'], '.0f')} p95 {_cell(s['measured']['p95_ms'], '.0f')} ms, "
        f"finish p95 {_cell(s['finish']['p95_ms'], '.0f')} ms, "
        f"{sum(s[k]['errors'] for k in ('measured', *JOURNEY_PARTS))} errors, "
        f"{s['lost_answers']} lost ({s['acknowledged_lost']} acknowledged), "
        f"driver {s['journey']['driver_cpu_share']:.1%} of a core"
        for s in capacity["steps"]
    )
    first = capacity["steps"][0]["journey"] if capacity["steps"] else None
    pace = (
        f"arriving over {first['spread_seconds']:g} s, think {first['think_seconds']:g} s"
        if first
        else ""
    )
    chart = f"; chart: {capacity['chart']}" if capacity.get("chart") else ""
    held_text = f"{held:,} trainees" if held else "none of the steps"
    return (
        f"{result['name']}: held {held_text} at save p95 at most {limit:g} ms{was_text}, "
        f"{pace}; {steps}{chart}"
    )


def driver_cpu_note(results: list[dict]) -> str | None:
    """The load driver's own CPU over each scenario's measured phase(s), as a
    share of one core: high shares mean the client, not the server, may be
    the limit."""
    parts = []
    for result in results:
        if "capacity" in result:
            for step in result["capacity"]["steps"]:
                j = step["journey"]
                parts.append(f"{result['name']} {j['users']} {j['driver_cpu_share']:.1%}")
        elif "journey" in result:
            parts.append(f"{result['name']} {result['journey']['driver_cpu_share']:.1%}")
        elif (result.get("measured") or {}).get("driver_cpu_share") is not None:
            parts.append(f"{result['name']} {result['measured']['driver_cpu_share']:.1%}")
    if not parts:
        return None
    return "load driver CPU, share of one core over each measured phase: " + ", ".join(parts)


def _check_problems(check: dict | None) -> list[str]:
    return [f"    {problem}" for problem in (check or {}).get("problems", [])]


def error_lines(results: list[dict]) -> list[str]:
    """What makes the run fail: a request that did not succeed, a lost
    answer. A capacity scenario's steps above what the server holds are
    expected to fail requests: only their acknowledged answers that are not in
    the database (and the warm-up's failures) count there."""
    lines = []
    for result in results:
        if "capacity" in result:
            warm = result.get("warmup")
            if warm and warm["errors"]:
                lines.append(f"{result['name']} (warmup): {warm['errors']} error(s)")
                lines.extend(f"    {sample}" for sample in warm["error_samples"])
            check = result.get("warmup_check") or {}
            if check.get("lost_answers") or check.get("unfinished_attempts"):
                lines.append(f"{result['name']} (warmup): answers lost or attempts unfinished")
                lines.extend(_check_problems(check))
            for step in result["capacity"]["steps"]:
                if step["acknowledged_lost"]:
                    lines.append(
                        f"{result['name']} {step['journey']['users']}: "
                        f"{step['acknowledged_lost']} acknowledged answer(s) not in the database"
                    )
                    lines.extend(_check_problems(step["database_check"]))
            continue
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
            lines.extend(_check_problems(result.get("database_check")))
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
