"""`make bench` measures its baselines again at the end of a run and says
when they moved by more than a fifth (tests/bench/drift.py)."""

from tests.bench import drift


def _row(name, rps):
    return {"name": name, "measured": {"rps": rps}}


def test_a_run_of_pages_measures_its_baselines_again_a_run_of_baselines_alone_does_not():
    assert drift.worth_measuring_again(["bare-json", "bare-insert", "home-trainee"])
    assert not drift.worth_measuring_again(["bare-json", "bare-insert"])


def test_the_change_of_each_baseline_between_the_start_and_the_end():
    first = [_row("bare-json", 2000.0), _row("bare-insert", 1000.0), _row("home-trainee", 300.0)]
    again = [_row("bare-json", 1500.0), _row("bare-insert", 1100.0)]
    rows = drift.drift_rows(first, again)
    assert rows == [
        {"name": "bare-json", "rps_start": 2000.0, "rps_end": 1500.0, "change": -0.25},
        {"name": "bare-insert", "rps_start": 1000.0, "rps_end": 1100.0, "change": 0.1},
    ]
    assert drift.drifted(rows)
    lines = drift.drift_lines(rows)
    assert lines[0] == "bare-json: 2,000.0 req/s at the start, 1,500.0 at the end (-25%)"
    assert "not comparable" in lines[-1]


def test_a_steady_machine_gets_no_warning_and_no_second_measurement_no_rows():
    steady = drift.drift_rows([_row("bare-json", 2000.0)], [_row("bare-json", 1900.0)])
    assert not drift.drifted(steady)
    assert not any("not comparable" in line for line in drift.drift_lines(steady))
    assert drift.drift_rows([_row("bare-json", 2000.0)], []) == []


def test_rows_of_other_shapes_beside_the_baselines_are_left_alone():
    # The morning scenarios' rows come from the driver without "measured".
    first = [_row("bare-json", 2000.0), {"name": "morning-drill-burst", "journeys": []}]
    assert drift.drift_rows(first, [_row("bare-json", 2000.0)])[0]["change"] == 0.0
