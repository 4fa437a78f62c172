"""The due queue timed in process (issue 16, item 4; the data: duequeue.py):
`quizzes.selectors.due_queue(person)` for `samples` trainees drawn at
random, after an untimed pass over the same trainees (what a web process has
warm: their zones in the cache, the pages in PostgreSQL's buffers), nothing
else in the timed loop; then the queries of every call counted apart
(capturing them costs time) and the plan of one call for a trainee of each
kind as EXPLAIN (ANALYZE, BUFFERS) shows it.

    .venv/bin/python -m tests.bench.duequeue_measure                  # 10,000 trainees
    .venv/bin/python -m tests.bench.duequeue_measure --trainees 1000  # try it small

on BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/lianbing_bench_duequeue),
with BENCH_REDIS_URL (redis://127.0.0.1:6379/15) as the cache.
"""

import json
import random
import re
import time
from datetime import datetime

from tests.bench.duequeue import (
    DUE_BACK_FROM_LEAVE_EVERY,
    DUE_TRAINEES,
    HERE,
    Plan,
    duequeue_make,
    marker_read,
)

DUE_SAMPLES = 2_000


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _one_call(person, now):
    """The SQL of each query of one due_queue call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quizzes.selectors import due_queue

    with CaptureQueriesContext(connection) as captured:
        due_queue(person, now=now)
    return [query["sql"] for query in captured.captured_queries]


def duequeue_measure(*, samples: int = DUE_SAMPLES, seed: int = 16) -> dict:
    """Time due_queue for `samples` trainees drawn at random (warm cache)."""
    from django.core.cache import caches
    from django.db import connection

    from people.models import Person
    from quizzes.selectors import due_queue
    from quizzes.selectors.memory import person_time_zone
    from tests.bench.stats import summarize

    with connection.cursor() as cursor:
        marker = marker_read(cursor)
    if marker is None:
        return {"unavailable": "no due-queue data in this database (bench_due_queue)"}
    facts = marker["facts"]
    plan, ids = Plan(**facts["plan"]), facts["ids"]
    now = datetime.fromisoformat(facts["now"])
    chooser = random.Random(seed)
    numbers = [chooser.randrange(plan.trainees) for _ in range(samples)]
    people = Person.objects.in_bulk([ids["person"] + p for p in numbers])
    chosen = [people[ids["person"] + p] for p in numbers]
    # Untimed: what a web process has warm (zones in the cache, pages in the buffers).
    lengths = [len(due_queue(person, now=now)) for person in chosen]
    # Timed, nothing else in the loop: the wall clock, and this process's own
    # CPU time (what the call costs Python, whatever else the machine runs).
    latencies, cpu = [], []
    for person in chosen:
        began, began_cpu = time.perf_counter(), time.thread_time()
        due_queue(person, now=now)
        latencies.append(time.perf_counter() - began)
        cpu.append(time.thread_time() - began_cpu)
    # Counted apart (capturing costs time): the queries of every call, warm.
    queries = [len(_one_call(person, now)) for person in chosen]
    measured = summarize(latencies=latencies, errors=0, elapsed=sum(latencies))
    # The zone alone (a cache read), for comparison.
    zones = []
    for person in chosen:
        began = time.perf_counter()
        person_time_zone(person)
        zones.append(time.perf_counter() - began)
    plans = {}
    leave = DUE_BACK_FROM_LEAVE_EVERY
    for kind, number in (
        ("regular", next((p for p in numbers if p % leave), min(1, plan.trainees - 1))),
        ("back_from_leave", next((p for p in numbers if not p % leave), 0)),
    ):
        person = Person.objects.get(pk=ids["person"] + number)
        sql = _one_call(person, now)[-1]  # a cold zone's query comes first
        explained = _explain(sql)
        execution = re.search(r"Execution Time: ([0-9.]+) ms", explained)
        plans[kind] = {
            "person": person.pk,
            "sql": sql,
            "explain": explained,
            "execution_ms": float(execution.group(1)) if execution else None,
        }
    return {
        "plan": facts["plan"],
        "counts": facts["counts"],
        "now": facts["now"],
        "samples": samples,
        "cache": caches["default"].__class__.__name__,
        "queue_length": {
            "min": min(lengths),
            "max": max(lengths),
            "mean": round(sum(lengths) / samples, 1),
        },
        "python_cpu": summarize(latencies=cpu, errors=0, elapsed=sum(cpu)),
        "zone_from_cache": summarize(latencies=zones, errors=0, elapsed=sum(zones)),
        "queries_per_call": {
            "min": min(queries),
            "max": max(queries),
            "calls_over_one": sum(1 for count in queries if count != 1),
        },
        "measured": measured,
        "plans": plans,
    }


def due_queue_row(name: str, measured: dict) -> dict:
    """The measurement as a result row of the report: a call of more than one
    query counts as an error."""
    if "unavailable" in measured:
        return {"name": name, "unavailable": measured["unavailable"]}
    over = measured["queries_per_call"]["calls_over_one"]
    problem = f"{over} calls of more than one query" if over else None
    return {
        "name": name,
        "due_queue": {key: value for key, value in measured.items() if key != "measured"},
        "measured": {
            **measured["measured"],
            "errors": over,
            "error_samples": [problem] if problem else [],
        },
    }


def main() -> None:  # pragma: no cover - a developer's script
    import argparse
    import os
    import sys

    parser = argparse.ArgumentParser(description="Generate and time the due queue.")
    parser.add_argument("--trainees", type=int, default=DUE_TRAINEES)
    parser.add_argument("--samples", type=int, default=DUE_SAMPLES)
    args = parser.parse_args()
    repo = HERE.parents[1]
    sys.path[:0] = [str(repo), str(repo / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.test")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lianbing_bench_duequeue"
    )
    # The zones' cache as production has it (the test settings' local-memory
    # cache keeps only 300 entries).
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    duequeue_make(plan=Plan(trainees=args.trainees), log=lambda line: print(line, file=sys.stderr))
    print(json.dumps(duequeue_measure(samples=args.samples), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
