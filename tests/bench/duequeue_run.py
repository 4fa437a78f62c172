"""run.py's part of the due-queue scenario (issue 16, item 4): its own
database (BENCH_DUEQUEUE_DATABASE_URL, or the bench database's name with
"_duequeue"), migrated, recreated when it holds data of another version or
size, then manage.py bench_due_queue, which makes or reuses the data and
times the queue in process, as a result row."""

import json
import os
import subprocess
import sys
from dataclasses import asdict
from urllib.parse import urlsplit, urlunsplit

import psycopg

from tests.bench import database
from tests.bench.duequeue import DUE_TRAINEES, Plan, marker_read, version
from tests.bench.duequeue_measure import DUE_SAMPLES, due_queue_row
from tests.bench.scenarios import DUE_QUEUE


def is_due_queue(scenario) -> bool:
    return scenario.journey == DUE_QUEUE


def database_url(bench_url: str) -> str:
    own = os.environ.get("BENCH_DUEQUEUE_DATABASE_URL")
    if own:
        return own
    parts = urlsplit(bench_url)
    return urlunsplit(parts._replace(path=f"/{database.database_name(bench_url)}_duequeue"))


def stale_reason(url: str, plan: Plan) -> str | None:
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        marker = marker_read(cursor)
    if marker is None:
        return None
    if marker["version"] != version():
        return f"it holds data of {marker['version']}, the generator is {version()}"
    if marker["facts"]["plan"] != asdict(plan):
        return f"it holds {marker['facts']['plan']}, not {asdict(plan)}"
    return None


def due_queue_result(repo, env: dict, *, smoke: bool) -> dict:
    trainees = int(os.environ.get("BENCH_DUEQUEUE_TRAINEES") or DUE_TRAINEES)
    samples = int(os.environ.get("BENCH_DUEQUEUE_SAMPLES") or (200 if smoke else DUE_SAMPLES))
    url = database_url(env["DATABASE_URL"])
    print(f"bench: due queue on database {database.database_name(url)}", flush=True)
    database.ensure_database(url, fresh=False)
    stale = stale_reason(url, Plan(trainees=trainees))
    if stale:
        print(f"bench: recreating {database.database_name(url)}: {stale}", flush=True)
        database.ensure_database(url, fresh=True)
    own = {**env, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "site/manage.py", "migrate", "--no-input", "-v0"],
        cwd=repo,
        env=own,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, "site/manage.py", "bench_due_queue"]
        + ["--trainees", str(trainees), "--samples", str(samples)],
        cwd=repo,
        env=own,
        stdout=subprocess.PIPE,
        text=True,
        timeout=1800,
        check=True,
    )
    return due_queue_row(DUE_QUEUE, json.loads(done.stdout))
