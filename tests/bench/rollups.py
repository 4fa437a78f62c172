"""The rollup scenarios (issue 14, item 8): on the generated organisation
(tests/bench/orgscale.py), the nightly full rollup for everyone, timed, then a
normal day's answers (one per five people, see
orgscale_answers.day_of_answers_add) and the incremental rollup after them,
timed, with nothing in between: the full run analyses the tables it rewrote
itself, so the incremental one plans with right statistics without waiting for
autovacuum. Each is one run of `quizzes.services.rollups.rollup_run`, in
process: a rollup is a background job, not a request. Where that function is not
there yet, both are reported "not available".
"""

import importlib
import time

ROLLUP_MODULE = "quizzes.services.rollups"
ROLLUP_FUNCTION = "rollup_run"


def rollup_function():
    """(rollup_run, None), or (None, why it is not available)."""
    try:
        module = importlib.import_module(ROLLUP_MODULE)
    except ImportError:
        return None, f"{ROLLUP_MODULE} does not exist on this branch"
    function = getattr(module, ROLLUP_FUNCTION, None)
    if function is None:
        return None, f"{ROLLUP_MODULE}.{ROLLUP_FUNCTION} does not exist on this branch"
    return function, None


def _timed(function, kind: str) -> dict:
    started = time.perf_counter()
    run = function(kind=kind)
    ms = (time.perf_counter() - started) * 1000
    status = getattr(run, "status", None)
    problem = None
    if run is None:
        problem = "rollup_run returned None: another run was running"
    elif status == "failed":
        problem = f"the run failed: {getattr(run, 'error', '')}"
    return {
        "kind": kind,
        "ms": round(ms, 1),
        "status": status,
        "people": getattr(run, "people", None),
        "problem": problem,
    }


# The tables every run rewrites today's rows of.
REWRITTEN = ("quizzes_masterysnapshot", "quizzes_persontopicday", "quizzes_unittopicday")


def _rollup_tables_vacuum(connection) -> float:
    """Untimed, before the full run: the bench reruns the same day, so each
    run leaves the previous run's rows of today dead (half a million
    snapshots), and with autovacuum off (as on the shared bench server) they
    pile up run after run and each run would measure its predecessors'
    garbage. A day of autovacuum would have removed them."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in REWRITTEN:
            cursor.execute(f"VACUUM {table}")
    return round(time.perf_counter() - started, 1)


def rollups_measure(*, day: int = 0) -> dict:
    from django.db import connection

    from tests.bench.orgscale import Plan, marker_read
    from tests.bench.orgscale_answers import day_of_answers_add

    function, missing = rollup_function()
    if missing:
        return {"unavailable": missing}
    with connection.cursor() as cursor:
        marker = marker_read(cursor)
    if marker is None:
        return {"unavailable": "no generated organisation in this database (bench_orgscale)"}
    plan = Plan.at(marker["scale"])
    ids = marker["facts"]["ids"]
    vacuumed = _rollup_tables_vacuum(connection)
    full = _timed(function, "full")
    started = time.perf_counter()
    added = day_of_answers_add(plan=plan, ids=ids, day=day)
    added["seconds"] = round(time.perf_counter() - started, 1)
    incremental = _timed(function, "incremental")
    return {
        "people": plan.people,
        "vacuumed_seconds": vacuumed,
        "full": full,
        "day": added,
        "incremental": incremental,
    }


def rollup_row(name: str, part: dict, measured: dict) -> dict:
    """One rollup run as a result row: requests 1, its p50 the whole run."""
    ms = part["ms"]
    return {
        "name": name,
        "rollup": {**part, "organisation_people": measured["people"], "day": measured["day"]},
        "measured": {
            "requests": 1,
            "errors": 1 if part["problem"] else 0,
            "rps": round(1000 / ms, 3) if ms else 0.0,
            "p50_ms": ms,
            "p95_ms": None,
            "p99_ms": None,
            "error_samples": [part["problem"]] if part["problem"] else [],
        },
    }
