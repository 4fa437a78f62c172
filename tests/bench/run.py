"""`make bench`: serve the production configuration under gunicorn on
PostgreSQL, drive every scenario from a separate process and report req/s
and latency next to two baselines measured in the same run.

    .venv/bin/python tests/bench/run.py            # full run (~15 minutes, 10 of them the capacity steps)
    .venv/bin/python tests/bench/run.py --smoke    # ~1 s per scenario: does the harness work?
    .venv/bin/python tests/bench/run.py --scenario morning-drill   # one scenario (and baselines)

Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY
(8), BENCH_MAX_REQUESTS (200000 per scenario), BENCH_WORKERS (2),
BENCH_THREADS (4), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/
lianbing_bench), BENCH_REDIS_URL (redis://127.0.0.1:6379/15; empty for none).
The risk review course of the review-trainee scenario: BENCH_RISK_REVIEWS (10)
reviews; 5,000 measures the confidentiality check at scale.
The mentor suggestions (not HTTP, see tests/bench/matching.py): BENCH_MATCHING_REPEAT
(5; 1 with --smoke) timed runs after one warm-up run.
The due queue (in process, on its own database lianbing_bench_duequeue, see
tests/bench/duequeue_run.py): BENCH_DUEQUEUE_TRAINEES (10000),
BENCH_DUEQUEUE_SAMPLES (2000; 200 with --smoke), BENCH_DUEQUEUE_DATABASE_URL.
The issue-14 scenarios run on a generated organisation (tests/bench/orgscale.py):
BENCH_ORG_SCALE or --scale (1.0: 100,000 people and 10 million answers), made
once and reused while the generator's version and the scale stay the same
(otherwise the bench database is recreated first).
The morning drill (tests/bench/morning.py; the defaults are each Scenario's
`morning`, and `morning_smoke` with --smoke): BENCH_MORNING_USERS (2,000; 20
with --smoke) trainees arriving evenly over BENCH_MORNING_SPREAD_SECONDS (60;
1), waiting BENCH_MORNING_THINK_SECONDS (5; 0.1) before each of 10 answers,
after BENCH_MORNING_WARMUP_USERS (4; 2) warm-up journeys without thinking; no
request is sent later than BENCH_MORNING_JOURNEY_SECONDS (120 + the thinking)
after the last arrival. morning-drill-burst: BENCH_BURST_USERS (200; 20)
arriving within a second, no thinking. cluster: the morning drill's trainees
and pace on two servers. morning-capacity: the morning drill's
pace at each of BENCH_CAPACITY_STEPS (500,1000,2000,3000,5000; 10,20) trainees,
its chart in bench-results/<UTC timestamp>-morning-capacity.svg.
Results: bench-results/<UTC timestamp>.json and bench-results/latest.json;
a full run adds a line per table row to bench-results/history.csv.
Exit status 1 when any request failed or any morning-drill answer was lost,
2 when the harness itself failed.
"""

import argparse
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

# Runnable as a plain script: make the repository and the host project importable.
REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from tests.bench import (  # noqa: E402
    chart,
    cluster,
    database,
    drift,
    duequeue_run,
    history,
    morning,
    orgscale_run,
    report,
)
from tests.bench.scenarios import (  # noqa: E402
    BARE_INSERT,
    BARE_JSON,
    CLUSTER,
    MATCHING_RUN,
    MORNING_BURST,
    MORNING_CAPACITY,
    MORNING_DRILL,
    MORNING_MAX_USERS,
    MORNING_QUESTIONS,
    MORNING_SETUP_MAX_USERS,
    PASSWORD,
    RISK_REVIEWS_DEFAULT,
    SCENARIOS,
    USERS,
    VERIFY,
    VERIFY_PATH,
    MorningLoad,
    Scenario,
)
from tests.bench.server import Gunicorn, free_port  # noqa: E402

RESULTS_DIR = REPO / "bench-results"
HISTORY = RESULTS_DIR / "history.csv"
# Session cookies of the morning drill's trainees, from bench_setup to the driver.
MORNING_SESSIONS = REPO / "var" / "bench" / "morning-sessions.json"
# The codes of the verification scenario's certificates, from bench_setup.
CERTIFICATE_CODES = REPO / "var" / "bench" / "certificate-codes.json"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def env_number(name: str, default, kind=int):
    value = os.environ.get(name)
    return default if value in (None, "") else kind(value)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--smoke", action="store_true", help="about 1 s per scenario; no latest.json"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database")
    parser.add_argument(
        "--scale",
        type=float,
        default=None,
        help="size of the generated organisation (1.0: 100,000 people, 10M answers)",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="run only this scenario (repeatable); the baselines always run",
    )
    args = parser.parse_args()
    if args.scale is None:
        args.scale = env_number("BENCH_ORG_SCALE", 1.0, float)
    args.seconds = env_number("BENCH_SECONDS", 10.0, float)
    args.warmup = env_number("BENCH_WARMUP_SECONDS", 2.0, float)
    if args.smoke:
        args.seconds, args.warmup = 1.0, 0.3
    args.concurrency = env_number("BENCH_CONCURRENCY", 8)
    args.max_requests = env_number("BENCH_MAX_REQUESTS", 200_000)
    args.workers = env_number("BENCH_WORKERS", 2)
    args.threads = env_number("BENCH_THREADS", 4)
    args.database_url = os.environ.get("BENCH_DATABASE_URL") or database.DEFAULT_URL
    args.redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    args.matching_repeat = env_number("BENCH_MATCHING_REPEAT", 1 if args.smoke else 5)
    args.risk_reviews = env_number("BENCH_RISK_REVIEWS", RISK_REVIEWS_DEFAULT)
    if args.risk_reviews < 1:
        parser.error("BENCH_RISK_REVIEWS: at least 1")
    return args


def morning_load(scenario: Scenario, smoke: bool) -> MorningLoad:
    """A morning scenario's load: its Scenario's (morning_smoke with --smoke),
    changed by the environment (see the module's docstring)."""
    load = scenario.morning_smoke if smoke and scenario.morning_smoke else scenario.morning
    changes = {}
    users = {
        MORNING_DRILL: "BENCH_MORNING_USERS",
        CLUSTER: "BENCH_MORNING_USERS",  # the morning drill played on two servers
        MORNING_BURST: "BENCH_BURST_USERS",
    }
    if os.environ.get(users.get(scenario.name, "-")):
        changes["steps"] = (env_number(users[scenario.name], 0),)
    if scenario.name == MORNING_CAPACITY and os.environ.get("BENCH_CAPACITY_STEPS"):
        raw = os.environ["BENCH_CAPACITY_STEPS"].replace(" ", "").split(",")
        try:
            changes["steps"] = tuple(int(step) for step in raw if step)
        except ValueError:
            raise SystemExit(
                f"BENCH_CAPACITY_STEPS: whole numbers with commas, not {raw}"
            ) from None
    if scenario.name in (MORNING_DRILL, MORNING_CAPACITY, CLUSTER):  # the same pace
        changes["spread_seconds"] = env_number(
            "BENCH_MORNING_SPREAD_SECONDS", load.spread_seconds, float
        )
        changes["think_seconds"] = env_number(
            "BENCH_MORNING_THINK_SECONDS", load.think_seconds, float
        )
    changes["warmup_users"] = env_number("BENCH_MORNING_WARMUP_USERS", load.warmup_users)
    changes["journey_seconds"] = env_number(
        "BENCH_MORNING_JOURNEY_SECONDS", load.journey_seconds, float
    )
    load = replace(load, **changes)
    if not load.steps or any(
        step < 1 or step + load.warmup_users > MORNING_MAX_USERS for step in load.steps
    ):
        raise SystemExit(
            f"{scenario.name}: each step of 1 to {MORNING_MAX_USERS} trainees with the warm-up's, "
            f"not {load.steps} and {load.warmup_users}"
        )
    if load.warmup_users < 0 or load.spread_seconds < 0 or load.think_seconds < 0:
        raise SystemExit(f"{scenario.name}: warm-up, spread and thinking cannot be negative")
    return load


def selected_scenarios(names: list[str] | None):
    known = {scenario.name for scenario in SCENARIOS}
    unknown = set(names or []) - known
    if unknown:
        raise SystemExit(
            f"Unknown scenario(s): {', '.join(sorted(unknown))}; known: {sorted(known)}"
        )
    wanted = set(names or known) | {BARE_JSON, BARE_INSERT}
    return [scenario for scenario in SCENARIOS if scenario.name in wanted]


def django_env(args) -> dict:
    """What production reads from the environment, set for plain HTTP on loopback."""
    env = dict(os.environ)
    env.pop("SECURE_PROXY_SSL_HEADER_ENABLED", None)
    env.update(
        DJANGO_SETTINGS_MODULE="hostsite.settings.bench",
        DATABASE_URL=args.database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(REPO / "var" / "bench" / "static"),
        LOG_LEVEL="WARNING",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *command: str) -> None:
    subprocess.run([sys.executable, "site/manage.py", *command], cwd=REPO, env=env, check=True)


def verify_paths_filled(scenarios):
    """The verification scenario asks for the certificates' codes at random."""
    codes = json.loads(CERTIFICATE_CODES.read_text(encoding="utf-8"))
    paths = tuple(VERIFY_PATH.format(code=code) for code in codes)
    return [
        replace(scenario, path=paths[0], paths=paths) if scenario.name == VERIFY else scenario
        for scenario in scenarios
    ]


def morning_job(scenarios: list[Scenario]) -> dict:
    """The morning drills' part of the driver's job, from bench_setup's sessions
    file: the drill, and each scenario's trainees by phase."""
    prepared = json.loads(MORNING_SESSIONS.read_text(encoding="utf-8"))
    trainees = prepared.pop("trainees")
    return {**prepared, "phases": morning.allocate(scenarios, trainees)}


def morning_check(env: dict, questions: list[dict]) -> list[dict]:
    """Ask the database (through Django, after the run) whether every answer of
    each phase is there; one answer per question (morning.check_questions)."""
    done = subprocess.run(
        [sys.executable, "site/manage.py", "bench_morning_check"],
        cwd=REPO,
        env=env,
        input=json.dumps({"checks": questions}),
        stdout=subprocess.PIPE,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)["checks"]


def morning_rows(env: dict, driven: list[dict], scenarios: list[Scenario], job: dict) -> list:
    """The driver's morning results as report rows, each phase checked in the database."""
    by_name = {scenario.name: scenario for scenario in scenarios}
    rows = []
    for result in driven:
        if "steps" not in result:
            rows.append(result)
            continue
        questions = morning.check_questions(result, job["phases"], job)
        checks = morning_check(env, questions)
        rows.append(morning.result_row(by_name[result["name"]], result, checks))
    return rows


def capacity_charts(results: list[dict], stamp: str, latest: bool) -> list[Path]:
    """The SVG of each capacity result, next to the JSON results; its path goes
    into the result (and so into the JSON and the notes)."""
    paths = []
    for result in results:
        if "capacity" not in result:
            continue
        capacity = result["capacity"]
        steps = capacity["steps"]
        j = steps[0]["journey"] if steps else {}
        svg = chart.capacity_svg(
            chart.points(capacity),
            limit_ms=capacity["limit_ms"],
            held=capacity["held"],
            title=f"{result['name']}: answer-save and finish latency against trainees",
            subtitle=f"{stamp}: arriving over {j.get('spread_seconds', 0):g} s, think "
            f"{j.get('think_seconds', 0):g} s before each of {j.get('questions', 0)} answers; "
            f"held {capacity['held'] or 0:,}",
        )
        names = [f"{stamp}-{result['name']}.svg"] + (
            [f"latest-{result['name']}.svg"] if latest else []
        )
        for name in names:
            path = RESULTS_DIR / name
            path.write_text(svg, encoding="utf-8")
            paths.append(path)
        capacity["chart"] = str((RESULTS_DIR / names[0]).relative_to(REPO))
    return paths


def driver_limit(args, scenarios: list[Scenario], timeout: float) -> float:
    """How long the driver may take before run.py stops waiting: every phase
    plus one request timeout, plus logins and the checks of the sessions."""
    limit = len(scenarios) * (args.seconds + args.warmup + 2 * timeout) + 120
    for scenario in scenarios:
        load = scenario.morning
        if load is None:
            continue
        phases = len(load.steps) + (1 if load.warmup_users else 0)
        limit += phases * (load.spread_seconds + load.journey_seconds + timeout + 70)
    return limit


def drive(args, scenarios, ports: list[int], morning: dict | None) -> dict:
    """Run the load driver in its own process; it prints its results as JSON.
    The morning journeys go round-robin to `ports`, the rest to the first."""
    job = {
        "host": "127.0.0.1",
        "port": ports[0],
        "ports": list(ports),
        "users": {key: {"username": u.username, "password": PASSWORD} for key, u in USERS.items()},
        "scenarios": [asdict(scenario) for scenario in scenarios],
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "warmup_seconds": args.warmup,
        "max_requests": args.max_requests,
        "timeout": 30.0,
        "morning": morning,
    }
    # Bounded even if the driver hangs.
    limit = driver_limit(args, scenarios, job["timeout"])
    finished = subprocess.run(
        [sys.executable, "-m", "tests.bench.load"],
        cwd=REPO,
        input=json.dumps(job),
        stdout=subprocess.PIPE,
        text=True,
        timeout=limit,
    )
    if finished.returncode != 0:
        raise SystemExit(f"The load driver failed (exit {finished.returncode}); see above.")
    return json.loads(finished.stdout)


def matching_result(env: dict, args) -> dict:
    """The mentor-suggestion scenario, timed in process by manage.py bench_matching
    (after the HTTP scenarios, with the server stopped), as a result row."""
    done = subprocess.run(
        [sys.executable, "site/manage.py", "bench_matching", "--repeat", str(args.matching_repeat)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=900,
        check=True,
    )
    return report.matching_row(MATCHING_RUN, json.loads(done.stdout))


def git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def main() -> int:
    # SIGTERM unwinds like Ctrl-C, so the finally below always stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args()
    selected = selected_scenarios(args.scenario)
    with_matching = any(scenario.journey == MATCHING_RUN for scenario in selected)
    with_orgscale = any(scenario.orgscale for scenario in selected)
    rollups = {scenario.name for scenario in selected if orgscale_run.is_rollup(scenario)}
    scenarios = [
        morning.resolved(scenario, morning_load(scenario, args.smoke), MORNING_QUESTIONS)
        if morning.is_morning(scenario)
        else scenario
        for scenario in selected
        if scenario.journey not in (MATCHING_RUN, CLUSTER) and not orgscale_run.is_rollup(scenario)
    ]
    mornings = [scenario for scenario in scenarios if morning.is_morning(scenario)]
    if morning.trainees_needed(mornings) > MORNING_SETUP_MAX_USERS:
        raise SystemExit(
            f"The morning scenarios ask for {morning.trainees_needed(mornings):,} trainees, "
            f"more than {MORNING_SETUP_MAX_USERS:,}"
        )
    # The due queue (issue 16, item 4) is timed in process on its own database.
    with_due_queue = any(duequeue_run.is_due_queue(scenario) for scenario in scenarios)
    scenarios = [scenario for scenario in scenarios if not duequeue_run.is_due_queue(scenario)]
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ") + ("-smoke" if args.smoke else "")
    env = django_env(args)
    RESULTS_DIR.mkdir(exist_ok=True)

    clock = time.monotonic()
    # Other work on the machine shares its CPUs with server and client alike.
    load_before = round(os.getloadavg()[0], 2)
    if load_before > (os.cpu_count() or 1):
        print(
            f"bench: load average {load_before} on {os.cpu_count()} CPUs: expect noise", flush=True
        )
    print(f"bench: database {database.database_name(args.database_url)}", flush=True)
    database.ensure_database(args.database_url, fresh=args.fresh)
    stale = with_orgscale and orgscale_run.stale_reason(args.database_url, args.scale)
    if stale:
        print(f"bench: recreating the database: {stale}", flush=True)
        database.ensure_database(args.database_url, fresh=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    with_verify = any(scenario.name == VERIFY for scenario in scenarios)
    setup = ["bench_setup", "--risk-reviews", str(args.risk_reviews)]
    if mornings:
        MORNING_SESSIONS.unlink(missing_ok=True)
        setup += ["--morning-users", str(morning.trainees_needed(mornings))]
        setup += ["--sessions-file", str(MORNING_SESSIONS)]
    if with_verify:
        setup += ["--certificates-file", str(CERTIFICATE_CODES)]
    if args.redis_url:
        database.cache_empty(args.redis_url)
    setup_began = time.monotonic()
    manage(env, *setup)
    print(f"bench: bench_setup took {time.monotonic() - setup_began:.1f} s", flush=True)
    morning_plan = morning_job(mornings) if mornings else None
    if with_verify:
        scenarios = verify_paths_filled(scenarios)
    facts, extra_rows = None, []
    if with_orgscale:
        facts = orgscale_run.organisation(REPO, env, args.scale)
        how = "reused" if facts["reused"] else f"generated in {facts['seconds']:.1f} s"
        print(
            f"bench: organisation of {facts['counts']['people']:,} people and "
            f"{facts['counts']['answers']:,} answers {how}",
            flush=True,
        )
        scenarios, extra_rows = orgscale_run.http_scenarios(scenarios, facts)
    if rollups:
        # Before the pages: the dashboard reads the figures the rollups computed.
        print("bench: rollups, timed in process", flush=True)
        extra_rows += orgscale_run.rollup_rows(REPO, env, rollups)

    port = free_port()
    print(
        f"bench: gunicorn on 127.0.0.1:{port} ({args.workers} workers x {args.threads} threads), "
        f"{args.concurrency} clients, {args.warmup:g} s warm-up + {args.seconds:g} s per scenario",
        flush=True,
    )
    for scenario in mornings:
        load = scenario.morning
        print(
            f"bench: {scenario.name}: {', '.join(f'{n:,}' for n in load.steps)} trainees over "
            f"{load.spread_seconds:g} s after {load.warmup_users} warm-up journeys, "
            f"think {load.think_seconds:g} s",
            flush=True,
        )
    server = Gunicorn(
        repo=REPO,
        env=env,
        port=port,
        workers=args.workers,
        threads=args.threads,
        log=RESULTS_DIR / "gunicorn.log",
    )
    try:
        server.wait_ready()
        print(f"bench: set up and serving after {time.monotonic() - clock:.1f} s", flush=True)
        began = time.monotonic()
        driven = drive(args, scenarios, [port], morning_plan)
        wall = time.monotonic() - began
        again = []
        if drift.worth_measuring_again([scenario.name for scenario in scenarios]):
            # The baselines once more, after the rest (tests/bench/drift.py).
            baselines = [scenario for scenario in scenarios if scenario.name in drift.BASELINES]
            again = drive(args, baselines, [port], None)["scenarios"]
        baselines_again = drift.drift_rows(driven["scenarios"], again)
    finally:
        server.stop()

    if morning_plan:
        driven["scenarios"] = morning_rows(env, driven["scenarios"], mornings, morning_plan)
    # --- issue 16, item 5: two servers, two clusters (tests/bench/cluster.py) ---
    clustered = [scenario for scenario in selected if scenario.journey == CLUSTER]
    if clustered:
        drill = morning.resolved(
            cluster.cluster_scenario(clustered[0]),
            morning_load(clustered[0], args.smoke),
            MORNING_QUESTIONS,
        )

        def cluster_setup():
            MORNING_SESSIONS.unlink(missing_ok=True)
            manage(env, "bench_setup", "--risk-reviews", str(args.risk_reviews),
                   "--morning-users", str(morning.trainees_needed([drill])),
                   "--sessions-file", str(MORNING_SESSIONS))  # fmt: skip
            return morning_job([drill])

        driven["scenarios"].append(
            cluster.cluster_row(
                args,
                env,
                scenario=drill,
                setup=cluster_setup,
                drive=drive,
                rows=lambda driven, plan: morning_rows(env, driven, [drill], plan),
                results_dir=RESULTS_DIR,
            )  # fmt: skip
        )
    # --- end of the cluster scenario ---
    if with_matching:
        print("bench: mentor suggestions, timed in process", flush=True)
        driven["scenarios"].append(matching_result(env, args))
    if with_due_queue:
        print("bench: the due queue, timed in process", flush=True)
        driven["scenarios"].append(duequeue_run.due_queue_result(REPO, env, smoke=args.smoke))
    # Every scenario asked for, in SCENARIOS' order, each with its definition
    # (paths as requested, ids filled in).
    rows = {row["name"]: row for row in driven["scenarios"] + extra_rows}
    definitions = {scenario.name: scenario for scenario in selected} | {
        scenario.name: scenario for scenario in scenarios
    }
    results = report.add_ratios([rows[scenario.name] for scenario in selected])
    for result in results:
        result["scenario"] = asdict(definitions[result["name"]])
    document = {
        "started_at": started.isoformat(),
        "mode": "smoke" if args.smoke else "full",
        "git_commit": git_commit(),
        "settings_module": "hostsite.settings.bench",
        "server": {"gunicorn_workers": args.workers, "gunicorn_threads": args.threads},
        "load": {
            "concurrency": args.concurrency,
            "seconds": args.seconds,
            "warmup_seconds": args.warmup,
            "max_requests": args.max_requests,
            "morning": {scenario.name: asdict(scenario.morning) for scenario in mornings} or None,
        },
        "host": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "postgres": database.server_version(args.database_url),
            "redis": bool(args.redis_url),
            "load_average_before": load_before,
            "load_average_after": round(os.getloadavg()[0], 2),
        },
        "driver_wall_seconds": round(wall, 1),
        "baselines_again": baselines_again,
        "organisation": facts,
        "scenarios": results,
    }
    charts = capacity_charts(results, stamp, latest=not args.smoke)
    previous = history.previous(HISTORY)
    print()
    print(report.table(results, previous))
    paths = report.write(document, RESULTS_DIR, stamp, latest=not args.smoke) + charts
    if not args.smoke:
        lines = history.lines(
            report.table_rows(results), timestamp=started.isoformat(), commit=document["git_commit"]
        )
        history.append(HISTORY, lines)
        paths.append(HISTORY)
    for line in drift.drift_lines(baselines_again):
        print(f"bench: {line}", file=sys.stderr if drift.drifted(baselines_again) else sys.stdout)
    print("\nwritten: " + ", ".join(str(path.relative_to(REPO)) for path in paths))
    over = report.over_limit_lines(results)
    if over:
        print("\nOVER LIMIT:", *over, sep="\n    ", file=sys.stderr)
    problems = report.error_lines(results) + cluster.error_lines(results)
    if problems:
        print(
            "\nFAILED: some requests did not succeed or answers were lost",
            *problems,
            sep="\n",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nbench: interrupted (gunicorn, if started, is stopped)", file=sys.stderr)
        sys.exit(130)
    except subprocess.CalledProcessError as exc:
        print(
            f"bench: {' '.join(map(str, exc.cmd))} failed (exit {exc.returncode})", file=sys.stderr
        )
        sys.exit(2)
