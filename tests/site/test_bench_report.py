"""`make bench`'s report: a scenario over the limit its Scenario carries is
marked OVER, one within it is not, and one that could not run says so."""

from dataclasses import asdict

from tests.bench import report
from tests.bench.rollups import rollup_row
from tests.bench.scenarios import SCENARIOS, Scenario


def _measured(p50, p95, errors=0):
    return {
        "requests": 100,
        "errors": errors,
        "rps": 50.0,
        "p50_ms": p50,
        "p95_ms": p95,
        "p99_ms": p95,
        "error_samples": [],
    }


def _results(*rows):
    baseline = {"name": "bare-json", "measured": _measured(2.0, 3.0)}
    results = report.add_ratios([baseline, *rows])
    results[0]["scenario"] = asdict(Scenario("bare-json", "/bench/bare-json/"))
    return results


def _page(name, p95, limit=300.0, errors=0):
    return {
        "name": name,
        "measured": _measured(p95 / 2, p95, errors),
        "scenario": asdict(Scenario(name, "/x/", limit_ms=limit)),
    }


def test_a_page_over_its_p95_limit_is_marked_and_listed():
    results = _results(_page("slow", 301.0), _page("fast", 299.0))
    assert report.limit_verdict(results[1]) == "OVER"
    assert report.limit_verdict(results[2]) == "within"
    lines = report.table(results).splitlines()
    assert next(line for line in lines if line.startswith("slow")).endswith("OVER LIMIT")
    assert not next(line for line in lines if line.startswith("fast")).endswith("OVER LIMIT")
    assert report.over_limit_lines(results) == ["slow: p95 301.0 ms, OVER the limit of 300 ms"]


def test_errors_are_never_within_a_limit():
    results = _results(_page("failing", 10.0, errors=3))
    assert report.limit_verdict(results[1]) == "OVER"


def test_a_scenario_without_a_limit_gets_no_verdict():
    results = _results(_page("free", 5_000.0, limit=None))
    assert report.limit_verdict(results[1]) is None
    assert report.over_limit_lines(results) == []


def test_a_timed_rollup_is_judged_on_its_whole_run():
    measured = {
        "people": 100_000,
        "day": {"answers": 20_000, "people": 2_000},
        "full": {"kind": "full", "ms": 61_000.0, "status": "done", "people": 1, "problem": None},
    }
    row = rollup_row("rollup-full", measured["full"], measured)
    row["scenario"] = asdict(next(s for s in SCENARIOS if s.name == "rollup-full"))
    results = _results(row)
    assert report.limit_verdict(results[1]) == "OVER"
    assert "rollup-full: p50 61,000.0 ms, OVER the limit of 60,000 ms" in report.table(results)


def test_a_scenario_that_could_not_run_says_not_available():
    missing = {"name": "manager-dashboard", "unavailable": "no route for /dashboard/"}
    missing["scenario"] = asdict(next(s for s in SCENARIOS if s.name == "manager-dashboard"))
    results = _results(missing)
    assert "vs_bare_json" not in results[1]
    assert report.limit_verdict(results[1]) is None
    table = report.table(results)
    assert "manager-dashboard      not available: no route for /dashboard/" in table
    assert report.error_lines(results) == []


def test_the_issue_limits_are_data_on_the_scenarios():
    limits = {s.name: (s.limit_ms, s.limit_of) for s in SCENARIOS if s.limit_ms}
    assert limits == {
        "morning-drill": (250.0, "p95_ms"),
        "morning-capacity": (250.0, "p95_ms"),
        "manager-dashboard": (300.0, "p95_ms"),
        "rollup-full": (60_000.0, "p50_ms"),
        "rollup-incremental": (5_000.0, "p50_ms"),
    }
    parts = {s.name: s.part_limits_ms for s in SCENARIOS if s.part_limits_ms}
    assert parts == {"morning-drill": {"finish": 500.0}}
    floors = {s.name: (s.floor_ratio, s.floor_of) for s in SCENARIOS if s.floor_ratio}
    assert floors == {"morning-drill-burst": (0.5, "bare-insert")}


def _journey(name, save_p95, finish_p95, *, lost=0, errors=0, scenario=None):
    return {
        "name": name,
        "measured": _measured(save_p95 / 2, save_p95, errors),
        "start": _measured(10.0, 20.0),
        "finish": _measured(finish_p95 / 2, finish_p95),
        "journey": {
            "users": 200,
            "warmup_users": 4,
            "spread_seconds": 1.0,
            "arrivals_per_second": 200.0,
            "think_seconds": 0.0,
            "wall_seconds": 10.0,
            "journeys": 200,
            "journeys_complete": 200,
            "journey_p50_ms": 900.0,
            "journey_max_ms": 1500.0,
            "max_in_flight": 200,
            "ports": 1,
            "connections": 200,
            "resent": 1,
            "schedule_lag_p99_ms": 1.0,
            "driver_cpu_seconds": 0.5,
            "driver_wall_seconds": 10.0,
            "driver_cpu_share": 0.05,
        },
        "lost_answers": lost,
        "unfinished_attempts": 0,
        "scenario": asdict(scenario or next(s for s in SCENARIOS if s.name == name)),
    }


def test_the_morning_drill_is_held_to_its_save_and_finish_bounds():
    results = _results(_journey("morning-drill", 240.0, 510.0))
    assert report.over_limit_lines(results) == [
        "morning-drill finish: p95 510.0 ms, OVER the limit of 500 ms"
    ]
    rows = {row["name"]: row for row in report.table_rows(results)}
    assert rows["morning-drill save"]["verdict"] == "within"
    assert rows["morning-drill finish"]["mark"] == "  OVER LIMIT"
    assert rows["morning-drill start"]["verdict"] is None
    results = _results(_journey("morning-drill", 251.0, 400.0))
    assert report.over_limit_lines(results) == [
        "morning-drill: p95 251.0 ms, OVER the limit of 250 ms"
    ]


def test_a_lost_answer_is_never_within_the_bound():
    results = _results(_journey("morning-drill", 100.0, 100.0, lost=1))
    assert report.limit_verdict(results[1]) == "OVER"


def test_the_burst_is_held_to_half_of_bare_inserts_rate():
    insert = {"name": "bare-insert", "measured": {**_measured(4.0, 6.0), "rps": 400.0}}

    def burst(rps):
        row = _journey("morning-drill-burst", 900.0, 900.0)
        row["measured"]["rps"] = rps
        return report.add_ratios([insert, row])

    results = burst(199.0)
    assert report.over_limit_lines(results) == [
        "morning-drill-burst: req/s ÷ bare-insert req/s 0.497, BELOW the floor of 0.50"
    ]
    table = report.table(results)
    line = next(x for x in table.splitlines() if x.startswith("morning-drill-burst save"))
    assert line.endswith("OVER LIMIT")
    # The driver's own CPU, beside the results.
    assert "load driver CPU 0.5 s in 10 s (5.0% of one core)" in table
    assert "200 connections opened (1 requests sent again on a new one)" in table
    assert "share of one core over each measured phase: morning-drill-burst 5.0%" in table
    assert report.limit_verdict(burst(200.0)[1]) == "within"
    # Without its baseline in the run there is no ratio: not within.
    alone = report.add_ratios([_journey("morning-drill-burst", 9.0, 9.0)])
    assert report.limit_verdict(alone[0]) == "OVER"
