"""The cluster scenario: Lianbing on several machines, played on one.

Two web servers (gunicorn, as tests/bench/server.py starts one) and two
django-q2 clusters (`manage.py qcluster`) against one PostgreSQL and one
Redis. The morning drill's trainees are spread round robin across both
servers (the driver's job["ports"]) while a burst of background jobs
(BENCH_CLUSTER_JOBS, 2,000) is queued on the Redis broker for both clusters to
share. Afterwards the database is asked whether every answer is there
(bench_morning_check) and whether every job ran exactly once: each job adds
one to its own row (tests.bench.benchapp.tasks.job_mark, made at 0 before it is
queued), so a row at 0 is a lost job and a row above 1 a job run twice
(bench_jobs --check).

    .venv/bin/python tests/bench/run.py --scenario cluster            # with the rest of the bench
    .venv/bin/python tests/bench/run.py --smoke --scenario cluster    # 20 trainees, 200 jobs
    .venv/bin/python -m tests.bench.cluster --jobs 200 --redis-db 14  # the burst alone, no web server

The last one is the jobs' smoke: two clusters, 200 jobs, on the bench
database (BENCH_DATABASE_URL) and Redis database 14; exit status 1 when a job
was lost or ran twice. tests/site/test_bench_cluster.py runs it when
LIANBING_BENCH_CLUSTER=1 (it needs PostgreSQL and Redis, and migrates the
bench database first).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if __name__ == "__main__":
    sys.path[:0] = [str(REPO), str(REPO / "site")]

from tests.bench.scenarios import MORNING_DRILL  # noqa: E402
from tests.bench.server import Gunicorn, free_port  # noqa: E402

SERVERS = 2
CLUSTERS = 2
DEFAULT_JOBS = 2000
SMOKE_JOBS = 200
# How long the jobs may take after the burst is queued, at most.
JOBS_WAIT_SECONDS = 600.0


class QCluster:
    """`manage.py qcluster` in its own process group, so stopping it stops its workers."""

    def __init__(self, *, repo: Path, env: dict, log: Path, name: str):
        self.log = log
        self.log_file = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "site/manage.py", "qcluster"],
            cwd=repo,
            env={**env, "BENCH_CLUSTER_ID": name},  # recorded by the jobs it runs
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            self.log_file.flush()
            tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
            raise SystemExit(f"qcluster exited with {self.process.returncode}:\n{tail}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                # SIGTERM: django-q2 stops taking tasks, lets running ones finish.
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log_file.close()


def _manage_json(repo: Path, env: dict, *command: str, timeout: float) -> dict:
    done = subprocess.run(
        [sys.executable, "site/manage.py", *command],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def jobs_enqueue(repo: Path, env: dict, batch: str, count: int) -> dict:
    return _manage_json(
        repo, env, "bench_jobs", "--batch", batch, "--enqueue", str(count), timeout=600
    )


def jobs_check(repo: Path, env: dict, batch: str, wait: float = JOBS_WAIT_SECONDS) -> dict:
    return _manage_json(
        repo, env, "bench_jobs", "--batch", batch, "--check", "--wait", str(wait),
        timeout=wait + 120,
    )  # fmt: skip


def clusters_start(repo: Path, env: dict, log_dir: Path, count: int = CLUSTERS) -> list:
    clusters = [
        QCluster(repo=repo, env=env, log=log_dir / f"qcluster-{n + 1}.log", name=str(n + 1))
        for n in range(count)
    ]
    time.sleep(3)  # both start their workers before the burst: it is shared, not taken by one
    for cluster in clusters:
        cluster.check_alive()
    return clusters


def job_burst(repo: Path, env: dict, *, jobs: int, log_dir: Path) -> dict:
    """The burst alone: start two clusters, queue `jobs`, count their runs."""
    batch = f"burst-{uuid.uuid4().hex[:12]}"
    clusters = clusters_start(repo, env, log_dir)
    try:
        began = time.monotonic()
        queued = jobs_enqueue(repo, env, batch, jobs)
        checked = jobs_check(repo, env, batch)
        for cluster in clusters:
            cluster.check_alive()
        return {**checked, "queue_seconds": queued["seconds"],
                "wall_seconds": round(time.monotonic() - began, 1)}  # fmt: skip
    finally:
        for cluster in clusters:
            cluster.stop()


def error_lines(results: list[dict]) -> list[str]:
    """The cluster row's job problems, beside report.error_lines' (answers and requests)."""
    lines = []
    for result in results:
        jobs = result.get("jobs")
        if jobs and (jobs["lost"] or jobs["twice"] or jobs["jobs"] != jobs["expected"]):
            lines.append(
                f"{result['name']}: of {jobs['expected']} background jobs {jobs['lost']} lost, "
                f"{jobs['twice']} run more than once, {jobs['expected'] - jobs['jobs']} never queued"
            )
    return lines


def cluster_row(args, env: dict, *, scenario, setup, drive, rows, results_dir: Path) -> dict:
    """The cluster scenario as one result row, run after the other scenarios
    (their server stopped). `scenario` is the morning drill to play (resolved
    with its load); `setup()` prepares its trainees afresh and returns the
    driver's morning job; `drive(args, scenarios, ports, morning)` and
    `rows(driven_scenarios, morning)` (the morning drill's rows, answers
    checked in the database) are run.py's."""
    jobs = int(os.environ.get("BENCH_CLUSTER_JOBS") or (SMOKE_JOBS if args.smoke else DEFAULT_JOBS))
    plan = setup()
    ports = [free_port() for _ in range(SERVERS)]
    servers = [
        Gunicorn(repo=REPO, env=env, port=port, workers=args.workers, threads=args.threads,
                 log=results_dir / f"gunicorn-cluster-{n + 1}.log")
        for n, port in enumerate(ports)
    ]  # fmt: skip
    clusters, burst = [], {}
    batch = f"cluster-{uuid.uuid4().hex[:12]}"
    try:
        for server in servers:
            server.wait_ready()
        clusters = clusters_start(REPO, env, results_dir)
        print(
            f"bench: cluster: gunicorn on ports {ports}, {len(clusters)} qclusters, "
            f"{jobs} background jobs during the morning drill",
            flush=True,
        )

        def queue_the_burst():
            # Queued while the trainees answer: the jobs' writes share the database with them.
            burst.update(jobs_enqueue(REPO, env, batch, jobs))

        queuer = threading.Thread(target=queue_the_burst, daemon=True)
        queuer.start()
        driven = drive(args, [scenario], ports, plan)
        queuer.join(timeout=600)
        checked = jobs_check(REPO, env, batch)
        for cluster in clusters:
            cluster.check_alive()
    finally:
        for cluster in clusters:
            cluster.stop()
        for server in servers:
            server.stop()
    row = next(r for r in rows(driven["scenarios"], plan) if r["name"] == scenario.name)
    row["servers"] = SERVERS
    row["clusters"] = CLUSTERS
    row["jobs"] = {**checked, "expected": jobs, "queue_seconds": burst.get("seconds")}
    return row


def cluster_scenario(scenario) -> object:
    """The scenario as the driver runs it: a morning drill, under its own name."""
    return replace(scenario, journey=MORNING_DRILL)


def main() -> int:
    """The jobs' smoke: two clusters on the bench database and a Redis database of its own."""
    from tests.bench import database
    from tests.bench.run import django_env

    parser = argparse.ArgumentParser(description="Two django-q2 clusters, one burst of jobs.")
    parser.add_argument("--jobs", type=int, default=SMOKE_JOBS)
    parser.add_argument("--redis-db", type=int, default=14)
    parser.add_argument("--no-migrate", action="store_true")
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL") or database.DEFAULT_URL
    redis_url = os.environ.get("BENCH_REDIS_HOST_URL", "redis://127.0.0.1:6379")
    bench_args = argparse.Namespace(database_url=url, redis_url=f"{redis_url}/{options.redis_db}")
    env = django_env(bench_args)
    database.ensure_database(url, fresh=False)
    if not options.no_migrate:
        subprocess.run(
            [sys.executable, "site/manage.py", "migrate", "--no-input", "-v0"],
            cwd=REPO, env=env, check=True,
        )  # fmt: skip
    log_dir = REPO / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    result = job_burst(REPO, env, jobs=options.jobs, log_dir=log_dir)
    print(json.dumps(result))
    ok = result["jobs"] == options.jobs and not result["lost"] and not result["twice"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
