"""`make bench`'s morning capacity: which step counts as held, the largest
held, the row the report gets, and the SVG chart of latency against load."""

import asyncio
import xml.etree.ElementTree as ET
from dataclasses import asdict

import pytest

from tests.bench import chart, load, morning, report
from tests.bench.scenarios import CLUSTER, MORNING_CAPACITY, SCENARIOS, MorningLoad, Scenario

SVG = "{http://www.w3.org/2000/svg}"


def _stats(p50=20.0, p95=100.0, errors=0, requests=100):
    return {
        "requests": requests,
        "errors": errors,
        "rps": 50.0,
        "p50_ms": p50,
        "p95_ms": p95,
        "p99_ms": p95,
        "error_samples": [],
    }


def _phase(users, p95, *, errors=0, finish_p95=150.0):
    return {
        "save": _stats(p95=p95, errors=errors, requests=users * 10),
        "start": _stats(),
        "finish": _stats(p95=finish_p95),
        "journey": {
            "users": users,
            "spread_seconds": 60.0,
            "think_seconds": 5.0,
            "questions": 10,
            "driver_cpu_share": 0.04,
            "driver_cpu_seconds": 4.0,
            "driver_wall_seconds": 100.0,
        },
        "acknowledged": [],
    }


def _check(lost=0, acknowledged_lost=0, unfinished=0):
    return {
        "lost_answers": lost,
        "acknowledged_lost": acknowledged_lost,
        "unfinished_attempts": unfinished,
        "problems": [],
    }


def _step(users, p95, *, errors=0, lost=0):
    return morning.step_row(_phase(users, p95, errors=errors), _check(lost=lost))


def test_a_step_holds_within_the_limit_and_without_failures():
    assert morning.step_held(_step(500, 250.0), 250.0)
    assert not morning.step_held(_step(500, 250.1), 250.0)
    assert not morning.step_held(_step(500, 40.0, errors=1), 250.0)
    assert not morning.step_held(_step(500, 40.0, lost=1), 250.0)
    assert not morning.step_held(_step(500, None), 250.0)


def test_the_capacity_is_the_largest_step_held_with_every_smaller_one():
    steps = [_step(2000, 240.0), _step(500, 60.0), _step(1000, 120.0), _step(3000, 900.0)]
    assert morning.capacity_pick(steps, 250.0) == 2000
    # A larger step that happens to hold above one that did not is noise.
    steps = [_step(500, 60.0), _step(1000, 400.0), _step(2000, 200.0)]
    assert morning.capacity_pick(steps, 250.0) == 500
    assert morning.capacity_pick([_step(500, 300.0), _step(1000, 200.0)], 250.0) is None
    assert morning.capacity_pick([], 250.0) is None


def _capacity_scenario():
    load = MorningLoad(steps=(500, 1000, 2000), spread_seconds=60, think_seconds=5, capacity=True)
    return Scenario(MORNING_CAPACITY, "/x/", limit_ms=250.0, morning=load)


def _capacity_result(p95s=(60.0, 120.0, 700.0)):
    scenario = _capacity_scenario()
    driven = {
        "name": scenario.name,
        "warmup": _phase(4, 30.0),
        "steps": [_phase(users, p95) for users, p95 in zip((500, 1000, 2000), p95s, strict=True)],
    }
    checks = [_check()] * 4  # the warm-up's, then each step's
    row = morning.result_row(scenario, driven, checks)
    row["scenario"] = asdict(scenario)
    return row


def test_the_capacity_row_has_each_step_and_the_largest_held():
    baseline = {"name": "bare-insert", "measured": _stats()}
    results = report.add_ratios([baseline, _capacity_result()])
    row = results[1]
    assert row["capacity"]["held"] == 1000
    assert [s["held"] for s in row["capacity"]["steps"]] == [True, True, False]
    assert row["measured"]["p95_ms"] == 120.0  # the largest step held
    assert row["capacity"]["steps"][2]["vs_bare_insert"]["rps"] == 1.0
    table = report.table(results)
    assert "morning-capacity 2000" in table
    assert "held 1,000 trainees at save p95 at most 250 ms" in table
    # Steps over the limit are the measurement, not a failure of the run.
    assert report.error_lines(results) == []
    assert report.over_limit_lines(results) == []


def test_an_acknowledged_answer_lost_in_any_step_fails_the_run():
    row = _capacity_result()
    row["capacity"]["steps"][2].update(acknowledged_lost=3, lost_answers=3)
    lines = report.error_lines([row])
    assert lines[0] == "morning-capacity 2000: 3 acknowledged answer(s) not in the database"


def test_the_chart_is_svg_with_a_point_per_step_and_the_limit():
    row = _capacity_result()
    points = chart.points(row["capacity"])
    svg = chart.capacity_svg(points, limit_ms=250.0, held=1000, title="capacity <test>")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {chart.WIDTH} {chart.HEIGHT}"
    circles = root.findall(f".//{SVG}circle")
    assert sorted(c.get("class") for c in circles) == sorted(
        ["save_p50", "save_p95", "finish_p95"] * 3
    )
    titles = [c.find(f"{SVG}title").text for c in circles if c.get("class") == "save_p95"]
    assert titles == [
        "save p95, 500 trainees: 60.0 ms",
        "save p95, 1,000 trainees: 120.0 ms",
        "save p95, 2,000 trainees: 700.0 ms",
    ]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "limit 250 ms" in texts
    assert "held: 1,000" in texts
    assert "capacity <test>" in texts  # escaped in the file, whole when read
    # Higher latency is drawn higher up (smaller y), on the same scale for every line.
    ys = [float(c.get("cy")) for c in circles if c.get("class") == "save_p95"]
    assert ys[0] > ys[1] > ys[2]
    xs = [float(c.get("cx")) for c in circles if c.get("class") == "save_p95"]
    assert xs[0] < xs[1] < xs[2] <= chart.PLOT_RIGHT


def test_the_chart_leaves_out_a_missing_value():
    data = [
        {"users": 500, "save_p50": 10.0, "save_p95": 20.0, "finish_p95": None},
        {"users": 1000, "save_p50": 15.0, "save_p95": 30.0, "finish_p95": 40.0},
    ]
    root = ET.fromstring(chart.capacity_svg(data, limit_ms=250.0, held=None, title="t"))
    finish = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "finish_p95"]
    assert len(finish) == 1
    assert not any((t.text or "").startswith("held") for t in root.iter(f"{SVG}text"))


def test_the_capacity_scenario_steps_the_issue_load():
    scenario = next(s for s in SCENARIOS if s.name == MORNING_CAPACITY)
    assert scenario.morning.steps == (500, 1_000, 2_000, 3_000, 5_000)
    assert (scenario.morning.spread_seconds, scenario.morning.think_seconds) == (60.0, 5.0)
    assert scenario.morning.capacity and scenario.limit_ms == 250.0
    assert len(scenario.morning_smoke.steps) >= 2 and max(scenario.morning_smoke.steps) <= 50


def test_every_phase_has_its_own_trainees():
    drill = next(s for s in SCENARIOS if s.name == "morning-drill")
    capacity = _capacity_scenario()
    trainees = [{"username": f"u{n}"} for n in range(drill.morning.warmup_users + 2000 + 4 + 3500)]
    phases = morning.allocate([drill, capacity], trainees)
    names = [
        t["username"]
        for scenario in phases.values()
        for phase in [scenario["warmup"], *scenario["steps"]]
        for t in phase
    ]
    assert len(names) == len(set(names)) == morning.trainees_needed([drill, capacity])
    assert [len(step) for step in phases[MORNING_CAPACITY]["steps"]] == [500, 1000, 2000]


def test_morning_journeys_go_round_robin_across_the_servers():
    job = {"host": "127.0.0.1", "port": 8001, "timeout": 1, "morning": {}}
    assert load.job_ports(job) == [8001]
    job["ports"] = [8001, 8002]
    drill = load.MorningDrill(job)
    assert [drill.port_of(i) for i in range(5)] == [8001, 8002, 8001, 8002, 8001]


def test_journeys_that_do_not_stop_in_time_are_counted_not_fatal(monkeypatch):
    job = {"host": "127.0.0.1", "port": 8001, "timeout": 0.05, "morning": {}}
    drill = load.MorningDrill(job)
    monkeypatch.setattr(load.MorningDrill, "STOP_GRACE_SECONDS", 0.05)

    async def journey(index, trainee, record, deadline, think):
        if index == 0:
            record.complete = True
            return
        await asyncio.sleep(3600)  # a journey the event loop never finishes

    monkeypatch.setattr(drill, "journey", journey)
    records = [load.JourneyRecord() for _ in range(3)]
    asyncio.run(drill._phase([{}, {}, {}], records, 0.0, 0.0, 0.0))
    assert records[0].complete and not records[0].errors
    assert [record.errors["finish"] for record in records[1:]] == [1, 1]
    assert records[2].problems == ["finish: the journey did not stop in time"]
    assert not any(record.complete for record in records[1:])


def test_the_driver_measures_its_own_cpu():
    before = load.driver_cpu_seconds()
    sum(n * n for n in range(300_000))
    assert load.driver_cpu_seconds() > before
    assert load.cpu_share(1.5, 6.0) == {
        "driver_cpu_seconds": 1.5,
        "driver_wall_seconds": 6.0,
        "driver_cpu_share": 0.25,
    }


def test_the_environment_changes_the_loads_within_their_bounds(monkeypatch):
    from tests.bench import run

    by_name = {s.name: s for s in SCENARIOS}
    capacity, drill = by_name[MORNING_CAPACITY], by_name["morning-drill"]
    assert run.morning_load(capacity, smoke=True).steps == capacity.morning_smoke.steps
    monkeypatch.setenv("BENCH_CAPACITY_STEPS", "10, 30,50")
    monkeypatch.setenv("BENCH_MORNING_THINK_SECONDS", "2")
    load = run.morning_load(capacity, smoke=False)
    assert (load.steps, load.think_seconds, load.spread_seconds) == ((10, 30, 50), 2.0, 60.0)
    assert run.morning_load(by_name["morning-drill-burst"], smoke=False).think_seconds == 0.0
    monkeypatch.setenv("BENCH_MORNING_USERS", "5000")
    assert run.morning_load(drill, smoke=False).steps == (5000,)  # with 4 warm-up journeys
    monkeypatch.setenv("BENCH_MORNING_USERS", "5500")
    with pytest.raises(SystemExit):
        run.morning_load(drill, smoke=False)
    monkeypatch.setenv("BENCH_CAPACITY_STEPS", "500,many")
    with pytest.raises(SystemExit):
        run.morning_load(capacity, smoke=False)


def test_the_cluster_scenario_takes_the_morning_drills_trainees_and_pace(monkeypatch):
    from tests.bench import run

    cluster = {s.name: s for s in SCENARIOS}[CLUSTER]
    monkeypatch.setenv("BENCH_MORNING_USERS", "1000")
    monkeypatch.setenv("BENCH_MORNING_THINK_SECONDS", "3")
    load = run.morning_load(cluster, smoke=False)
    assert (load.steps, load.think_seconds) == ((1000,), 3.0)
