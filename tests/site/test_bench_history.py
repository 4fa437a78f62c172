"""`make bench`'s history (bench-results/history.csv): a line per table row
of each full run, and the previous run's ratios printed beside this run's."""

import csv
from dataclasses import asdict

from tests.bench import history, report
from tests.bench.scenarios import Scenario


def _measured(rps, p50):
    return {
        "requests": 100,
        "errors": 0,
        "rps": rps,
        "p50_ms": p50,
        "p95_ms": p50 * 2,
        "p99_ms": p50 * 3,
        "error_samples": [],
    }


def _results(page_rps=100.0):
    rows = [
        {"name": "bare-json", "measured": _measured(1000.0, 2.0)},
        {"name": "bare-insert", "measured": _measured(500.0, 4.0)},
        {"name": "home-trainee", "measured": _measured(page_rps, 20.0)},
    ]
    results = report.add_ratios(rows)
    for result in results:
        result["scenario"] = asdict(Scenario(result["name"], "/x/"))
    return results


def _write(path, results, stamp):
    lines = history.lines(report.table_rows(results), timestamp=stamp, commit="abc123")
    history.append(path, lines)


def test_each_run_appends_a_line_per_row(tmp_path):
    path = tmp_path / "history.csv"
    _write(path, _results(), "2026-12-06T07:00:00+00:00")
    _write(path, _results(page_rps=50.0), "2026-12-06T08:00:00+00:00")
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [r["scenario"] for r in rows] == ["bare-json", "bare-insert", "home-trainee"] * 2
    home = [r for r in rows if r["scenario"] == "home-trainee"]
    assert [r["ratio"] for r in home] == ["0.1", "0.05"]
    assert home[1]["timestamp"] == "2026-12-06T08:00:00+00:00"
    assert home[1]["git_commit"] == "abc123"
    assert home[1]["rps_vs_bare_insert"] == "0.1"
    assert home[1]["p50_vs_bare_json"] == "10.0"
    assert path.read_text(encoding="utf-8").count("timestamp,") == 1  # one header


def test_a_scenario_that_could_not_run_has_no_line(tmp_path):
    path = tmp_path / "history.csv"
    missing = {"name": "manager-dashboard", "unavailable": "no route"}
    _write(path, [*_results(), missing], "one")
    assert "manager-dashboard" not in history.previous(path)
    assert len(history.previous(path)) == 3


def test_the_previous_run_is_the_last_line_of_each_row(tmp_path):
    path = tmp_path / "history.csv"
    assert history.previous(path) == {}
    _write(path, _results(), "one")
    _write(path, _results(page_rps=50.0), "two")
    previous = history.previous(path)
    assert previous["home-trainee"]["rps_vs_bare_json"] == 0.05
    assert previous["home-trainee"]["timestamp"] == "two"
    assert previous["bare-json"]["ratio"] == 1.0


def test_the_table_shows_each_ratio_beside_the_previous_one(tmp_path):
    path = tmp_path / "history.csv"
    _write(path, _results(page_rps=120.0), "before")
    table = report.table(_results(page_rps=60.0), history.previous(path))
    home = next(line for line in table.splitlines() if line.startswith("home-trainee"))
    # Each ratio now, then the previous run's: req/s and p50 against each baseline.
    assert home.split()[7:15] == ["0.060", "0.120", "10.00", "10.00"] + [
        "0.120",
        "0.240",
        "5.00",
        "5.00",
    ]
    assert "was: the same ratio in the previous full run" in table
    first = report.table(_results(page_rps=60.0), history.previous(tmp_path / "none.csv"))
    home = next(line for line in first.splitlines() if line.startswith("home-trainee"))
    assert home.split()[7:9] == ["0.060", "—"]


def test_a_history_with_other_columns_is_rewritten_with_todays(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("timestamp,scenario,rps\nold,home-trainee,42.0\n", encoding="utf-8")
    _write(path, _results(), "new")
    with path.open(encoding="utf-8") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert tuple(reader.fieldnames) == history.FIELDS
    assert rows[0]["scenario"] == "home-trainee" and rows[0]["rps"] == "42.0"
    assert rows[-1]["timestamp"] == "new"
