"""The cluster scenario of the bench (tests/bench/cluster.py).

Its report's judgement runs everywhere. The burst itself (two qclusters on
Redis database 14, 200 jobs, on the bench database BENCH_DATABASE_URL, which it
migrates first) needs PostgreSQL and Redis and about a minute, so it runs only
with LIANBING_BENCH_CLUSTER=1:

    LIANBING_BENCH_CLUSTER=1 .venv/bin/pytest tests/site/test_bench_cluster.py
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.cluster import error_lines

REPO = Path(__file__).resolve().parents[2]


def _row(**jobs):
    return {"name": "cluster", "jobs": {"jobs": 200, "lost": 0, "twice": 0, "expected": 200} | jobs}


def test_a_clean_burst_reports_nothing():
    assert error_lines([_row(), {"name": "bare-json"}]) == []


@pytest.mark.parametrize(
    "jobs,words",
    [
        ({"lost": 3}, "3 lost"),
        ({"twice": 1}, "1 run more than once"),
        ({"jobs": 150}, "50 never queued"),
    ],
)
def test_a_lost_doubled_or_missing_job_is_an_error(jobs, words):
    lines = error_lines([_row(**jobs)])
    assert len(lines) == 1 and words in lines[0]


@pytest.mark.skipif(
    os.environ.get("LIANBING_BENCH_CLUSTER") != "1",
    reason="needs PostgreSQL, Redis and a minute: LIANBING_BENCH_CLUSTER=1",
)
def test_two_clusters_run_every_job_of_a_burst_exactly_once():
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.cluster", "--jobs", "200", "--redis-db", "14"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["jobs"], result["done"], result["lost"], result["twice"]) == (200, 200, 0, 0)
    assert len(result["by_cluster"]) == 2, result  # both clusters took a share
