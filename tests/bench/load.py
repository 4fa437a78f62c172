"""The load driver. run.py starts it as its own process (`python -m
tests.bench.load`), so the client never shares an interpreter or a GIL with
the code it measures. Standard library only.

Reads a JSON job on stdin: {"host", "ports" (or "port": one server),
"users": {key: {username, password}}, "scenarios": [Scenario as dict],
"concurrency", "seconds", "warmup_seconds", "max_requests", "timeout",
"morning"}. Writes one JSON object on stdout: {"scenarios": [{name, warmup:
{...}, measured: {...}}]}, each phase with the driver's own CPU time over it.
Progress goes to stderr.

The request scenarios go to the first server, from a thread per client
(BENCH_CONCURRENCY, 8). A scenario with `journey` set is run by MorningDrill
instead, on asyncio, its journeys spread across every server: see there and
"morning" in run.py's job.
"""

import asyncio
import http.client
import json
import math
import random
import re
import resource
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.bench.aioclient import AsyncClient
from tests.bench.scenarios import MORNING_DRILL
from tests.bench.stats import percentile_ms, summarize

LOGIN_PATH = "/accounts/login/"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ERROR_SAMPLES = 5  # the most frequent distinct problems, with their counts
# Connection failures that mean the server closed a kept-alive connection
# between two requests; the request is retried once on a fresh connection.
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class BenchError(Exception):
    pass


class Client:
    """One keep-alive HTTP connection to the server under test."""

    def __init__(self, host: str, port: int, timeout: float):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, *, body: bytes | None = None, headers=None):
        headers = {"User-Agent": "lianbing-bench", **(headers or {})}
        for _attempt in range(2):
            fresh = self.conn is None
            if fresh:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except STALE:
                self.close()
                if fresh:
                    raise
                continue
            except Exception:
                self.close()
                raise
            if response.will_close:
                self.close()
            return response, data
        raise BenchError("connection closed twice in a row")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def cookies_from(response, jar: dict[str, str]) -> dict[str, str]:
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def log_in(client: Client, username: str, password: str) -> dict[str, str]:
    """Sign in through the real login form; return the cookies (session, CSRF)."""
    response, page = client.request("GET", LOGIN_PATH)
    jar = cookies_from(response, {})
    token = CSRF_INPUT.search(page)
    if response.status != 200 or not token or "csrftoken" not in jar:
        raise BenchError(f"login page: HTTP {response.status}, no CSRF token or cookie")
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": username}
    form["password"] = password
    response, _ = client.request(
        "POST",
        LOGIN_PATH,
        body=urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
        },
    )
    cookies_from(response, jar)
    if response.status != 302 or "sessionid" not in jar:
        raise BenchError(f"login as {username}: HTTP {response.status}, no session cookie")
    return jar


class Driver:
    def __init__(self, job: dict):
        if job["host"] != "127.0.0.1":
            raise BenchError("the bench drives 127.0.0.1 only")
        self.job = job
        port = job_ports(job)[0]
        self.clients = [
            Client(job["host"], port, job["timeout"]) for _ in range(job["concurrency"])
        ]
        self.sessions: dict[tuple[int, str], dict[str, str]] = {}

    def headers_for(self, index: int, scenario: dict) -> dict[str, str]:
        """Headers of every request a client sends in a scenario; signs in on first use."""
        headers = {}
        if scenario["body"] is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        key = scenario["login_as"]
        if key:
            if (index, key) not in self.sessions:
                user = self.job["users"][key]
                jar = log_in(self.clients[index], user["username"], user["password"])
                self.sessions[(index, key)] = jar
            jar = self.sessions[(index, key)]
            headers["Cookie"] = cookie_header(jar)
            if scenario["method"] not in ("GET", "HEAD"):
                headers["X-CSRFToken"] = jar.get("csrftoken", "")
        return headers

    def phase(self, scenario: dict, seconds: float, max_requests: int) -> dict:
        """Every client sends requests back to back until time or count runs out."""
        body = urlencode(scenario["body"]).encode() if scenario["body"] is not None else None
        expect = scenario["expect"].encode() if scenario["expect"] else None
        wanted = scenario.get("status")

        def status_ok(status: int) -> bool:
            return status == wanted if wanted else 200 <= status < 300

        # A scenario may name fewer clients than the run's (its bound is one person's wait).
        clients = min(scenario.get("clients") or len(self.clients), len(self.clients))
        headers = [self.headers_for(i, scenario) for i in range(clients)]
        quota = math.ceil(max_requests / clients)
        latencies: list[list[float]] = [[] for _ in range(clients)]
        errors = [0] * clients
        problems: Counter[str] = Counter()
        problems_lock = threading.Lock()

        # A scenario with `paths` sends each request to one of them at random
        # (the same sequence per client on every run).
        paths = scenario.get("paths") or [scenario["path"]]

        def work(index: int, deadline: float):
            client, times = self.clients[index], latencies[index]
            pick = random.Random(index)
            while len(times) < quota and time.perf_counter() < deadline:
                began = time.perf_counter()
                problem = None
                path = paths[pick.randrange(len(paths))]
                try:
                    response, data = client.request(
                        scenario["method"], path, body=body, headers=headers[index]
                    )
                    location = response.getheader("Location") or ""
                    if not status_ok(response.status):
                        problem = f"HTTP {response.status}"
                        if location:
                            problem += f" to {location}"
                    elif expect and expect not in (
                        location.encode() if 300 <= response.status < 400 else data
                    ):
                        problem = f"HTTP {response.status} without {scenario['expect']!r}"
                except Exception as exc:  # counted, not raised: one failure must not stop the run
                    problem = repr(exc)
                times.append(time.perf_counter() - began)
                if problem:
                    errors[index] += 1
                    with problems_lock:
                        problems[problem] += 1

        cpu_before = driver_cpu_seconds()
        started = time.perf_counter()
        deadline = started + seconds
        threads = [
            threading.Thread(target=work, args=(i, deadline), daemon=True) for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        # Bounded: a request can outlive the deadline by at most its timeout.
        hard_stop = deadline + self.job["timeout"] + 5
        for thread in threads:
            thread.join(timeout=max(0.0, hard_stop - time.perf_counter()))
        elapsed = time.perf_counter() - started
        if any(thread.is_alive() for thread in threads):
            raise BenchError(f"{scenario['name']}: a client did not stop in time")
        summary = summarize(
            latencies=[t for times in latencies for t in times], errors=sum(errors), elapsed=elapsed
        )
        summary["error_samples"] = [
            f"{count} x {problem}" for problem, count in problems.most_common(ERROR_SAMPLES)
        ]
        summary.update(cpu_share(driver_cpu_seconds() - cpu_before, elapsed))
        return summary

    def missing(self, scenario: dict) -> str | None:
        """A page of a feature still being built answers 404 as a whole: one
        request first, so that the scenario is reported "not available"
        instead of as thousands of errors."""
        response, _ = self.clients[0].request(
            scenario["method"], scenario["path"], headers=self.headers_for(0, scenario)
        )
        if response.status == 404:
            user = scenario["login_as"] or "a visitor"
            return f"HTTP 404 for {scenario['path']} as {user}"
        return None

    def run(self) -> dict:
        results = []
        for scenario in self.job["scenarios"]:
            if scenario.get("journey") == MORNING_DRILL:
                results.append(MorningDrill(self.job).run(scenario))
                continue
            log(f"  {scenario['name']}: {scenario['method']} {scenario['path']}")
            missing = self.missing(scenario) if scenario.get("orgscale") else None
            if missing:
                log(f"    not available: {missing}")
                results.append({"name": scenario["name"], "unavailable": missing})
                continue
            warmup = self.phase(scenario, self.job["warmup_seconds"], self.job["max_requests"])
            measured = self.phase(scenario, self.job["seconds"], self.job["max_requests"])
            log(
                f"    {measured['requests']} requests, {measured['errors']} errors, "
                f"{measured['rps']} req/s"
            )
            results.append({"name": scenario["name"], "warmup": warmup, "measured": measured})
        for client in self.clients:
            client.close()
        return {"scenarios": results}


@dataclass
class JourneyRecord:
    """What one trainee's journey saw, in seconds since perf_counter's origin."""

    latencies: dict[str, list[float]] = field(
        default_factory=lambda: {"start": [], "save": [], "finish": []}
    )
    errors: Counter = field(default_factory=Counter)  # kind -> count
    problems: list[str] = field(default_factory=list)
    acknowledged: list = field(default_factory=list)  # [username, attempt, position, response]
    lag: float = 0.0  # how late the journey began against the arrival schedule
    began: float | None = None
    ended: float | None = None
    complete: bool = False
    connections: int = 0  # opened by the journey's client
    resent: int = 0  # requests sent again after a stale connection (aioclient)


class MorningDrill:
    """Trainees open the same drill at a constant arrival rate and answer it.

    The scenario's "morning" (a MorningLoad as a dict, journey_seconds filled
    in) gives the pace: steps (trainees of each), spread_seconds,
    think_seconds, journey_seconds. job["morning"]: {"drill_id", "questions",
    "session_cookie", "csrf_cookie", "phases": {scenario name: {"warmup":
    [trainee], "steps": [[trainee], ...]}}}, a trainee being {username,
    session, csrf}: the sessions come from bench_setup (signed in there), each
    trainee in one phase only (an attempt of the drill each).

    Open loop: journey i of a step begins at i * spread / n seconds whatever
    the server is doing, each with its own keep-alive connection (a phone), to
    job["ports"][i % len(ports)], so a slow server faces a growing crowd, as on
    a real morning. A journey is start, `questions` answer saves (think_seconds
    before each), finish. Nothing is retried: every failure is counted. No
    request is sent after spread + journey_seconds; the phase is bounded by
    that plus one request timeout. The journeys are asyncio tasks on one
    thread, so 5,000 of them in flight cost the driver little; it measures its
    own CPU time over each phase (getrusage, user + system) and reports it.
    The warm-up journeys (before the first step) answer without thinking.
    """

    KINDS = ("start", "save", "finish")
    STOP_GRACE_SECONDS = 5  # past the last request's timeout, for journeys to stop
    SIGN_IN_SECONDS = 60  # to check the sessions before each timed phase
    SIGN_IN_SAMPLE = 200  # sessions checked per phase at most, evenly spread
    SIGN_IN_CLIENTS = 8

    def __init__(self, job: dict):
        self.job, self.morning = job, job["morning"]
        self.ports = job_ports(job)
        self.api = "/api/quizzes"

    def port_of(self, index: int) -> int:
        return self.ports[index % len(self.ports)]

    def headers(self, trainee: dict) -> dict[str, str]:
        m = self.morning
        return {
            "Cookie": f"{m['session_cookie']}={trainee['session']}; "
            f"{m['csrf_cookie']}={trainee['csrf']}",
            "X-CSRFToken": trainee["csrf"],
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def sign_in_check(self, trainees: list[dict]) -> None:
        """Before the clock runs: the sessions are signed in and see the drill
        (every one in a phase of up to SIGN_IN_SAMPLE, else that many evenly
        spread, each on its journey's server: a session that is not would
        show as errors of the run anyway)."""
        step = max(1, math.ceil(len(trainees) / self.SIGN_IN_SAMPLE))
        sample = list(enumerate(trainees))[::step]
        try:
            failures = asyncio.run(
                asyncio.wait_for(self._sign_in_check(sample), self.SIGN_IN_SECONDS)
            )
        except TimeoutError:
            raise BenchError(
                f"morning drill: sessions not checked in {self.SIGN_IN_SECONDS} s"
            ) from None
        if failures:
            raise BenchError(
                f"morning drill: {len(failures)} of {len(sample)} session(s) checked not "
                f"signed in or without the drill, e.g. {failures[:3]}"
            )

    async def _sign_in_check(self, sample: list[tuple[int, dict]]) -> list[str]:
        todo: asyncio.Queue = asyncio.Queue()
        for entry in sample:
            todo.put_nowait(entry)
        failures: list[str] = []
        clients = {
            port: [
                AsyncClient(self.job["host"], port, self.job["timeout"])
                for _ in range(self.SIGN_IN_CLIENTS)
            ]
            for port in self.ports
        }

        async def work(number: int):
            while not todo.empty():
                index, trainee = todo.get_nowait()
                client = clients[self.port_of(index)][number]
                try:
                    response = await client.request(
                        "GET", f"{self.api}/drills", headers=self.headers(trainee)
                    )
                    ok = response.status == 200
                    ids = [d["id"] for d in json.loads(response.body)] if ok else []
                    if self.morning["drill_id"] not in ids:
                        failures.append(f"{trainee['username']}: HTTP {response.status}, {ids}")
                except Exception as exc:  # reported below, all at once
                    failures.append(f"{trainee['username']}: {exc!r}")

        try:
            await asyncio.gather(*(work(n) for n in range(self.SIGN_IN_CLIENTS)))
        finally:
            for client in (c for group in clients.values() for c in group):
                client.close()
        return failures

    async def journey(
        self,
        index: int,
        trainee: dict,
        record: JourneyRecord,
        deadline: float,
        think: float,
    ):
        m = self.morning
        client = AsyncClient(self.job["host"], self.port_of(index), self.job["timeout"])
        headers = self.headers(trainee)
        rng = random.Random(index)

        async def post(kind: str, path: str, body: dict | None, extra: dict | None = None):
            if time.perf_counter() > deadline:
                record.errors[kind] += 1
                record.problems.append(f"{kind}: not sent, the phase ran out of time")
                return None
            payload = b"" if body is None else json.dumps(body).encode()
            began = time.perf_counter()
            problem, out = None, None
            try:
                response = await client.request(
                    "POST", path, body=payload, headers={**headers, **(extra or {})}
                )
                if response.status != 200:
                    problem = f"{kind}: HTTP {response.status} {response.body[:120]!r}"
                else:
                    out = json.loads(response.body)
            except Exception as exc:  # counted, not raised
                problem = f"{kind}: {exc!r}"
            record.latencies[kind].append(time.perf_counter() - began)
            if problem:
                record.errors[kind] += 1
                record.problems.append(problem)
            return out

        def wrong(kind: str, what: str):
            record.errors[kind] += 1
            record.problems.append(f"{kind}: {what}")

        record.began = time.perf_counter()
        try:
            attempt = await post("start", f"{self.api}/drills/{m['drill_id']}/attempts", None)
            if attempt is None:
                return
            items = sorted(attempt.get("items", []), key=lambda item: item["position"])
            if attempt.get("status") != "in_progress" or len(items) != m["questions"]:
                wrong("start", f"status {attempt.get('status')}, {len(items)} item(s)")
                return
            saved = 0
            # The answer token with each answer and the hand-in, as the phone
            # page sends it (quizzes.answer_tokens).
            token = (
                {"X-Answer-Token": attempt["answer_token"]} if attempt.get("answer_token") else {}
            )
            for item in items:
                if think:
                    await asyncio.sleep(think)
                response = {"choice": rng.choice([c["id"] for c in item["question"]["choices"]])}
                body = {"position": item["position"], "response": response}
                out = await post(
                    "save", f"{self.api}/attempts/{attempt['id']}/answers", body, token
                )
                if out is None:
                    continue
                if out.get("saved") is not True or out.get("position") != item["position"]:
                    wrong("save", f"answered {out!r:.120}")
                    continue
                saved += 1
                record.acknowledged.append(
                    [trainee["username"], attempt["id"], item["position"], response]
                )
            out = await post("finish", f"{self.api}/attempts/{attempt['id']}/finish", None, token)
            if out is not None and out.get("status") != "finished":
                wrong("finish", f"status {out.get('status')}")
                return
            record.complete = out is not None and saved == len(items)
        except Exception as exc:  # a bug of the driver or a malformed answer: counted too
            wrong("save", f"journey stopped: {exc!r}")
        finally:
            record.ended = time.perf_counter()
            record.connections, record.resent = client.connections, client.resent
            client.close()

    async def _phase(
        self,
        trainees: list[dict],
        records: list[JourneyRecord],
        spread: float,
        think: float,
        budget: float,
    ) -> float:
        """The journeys of one phase; returns when the phase started (perf_counter)."""
        interval = spread / len(trainees) if trainees else 0.0
        started = time.perf_counter()
        deadline = started + spread + budget

        async def arrive(index: int, trainee: dict, record: JourneyRecord):
            due = started + index * interval
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            record.lag = time.perf_counter() - due
            await self.journey(index, trainee, record, deadline, think)

        tasks = [
            asyncio.create_task(arrive(index, trainee, record))
            for index, (trainee, record) in enumerate(zip(trainees, records, strict=True))
        ]
        # Bounded: a request can outlive the deadline by at most its timeout.
        hard_stop = deadline + self.job["timeout"] + self.STOP_GRACE_SECONDS
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, hard_stop - time.perf_counter()))
        if pending:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending, timeout=self.STOP_GRACE_SECONDS)
            # Counted as journeys that did not finish, not fatal: a capacity
            # step far past the machine's knee is "not held", and the run goes
            # on to report every step (at 5,000 trainees the event loop itself
            # fell behind, and the whole run was lost).
            for task, record in zip(tasks, records, strict=True):
                if task in pending:
                    record.errors["finish"] += 1
                    record.problems.append("finish: the journey did not stop in time")
        return started

    def phase(self, trainees: list[dict], spread: float, think: float, budget: float) -> dict:
        """Journeys at a constant arrival rate, no request sent later than
        `budget` seconds after the last arrival; the numbers of the phase."""
        records = [JourneyRecord() for _ in trainees]
        cpu_before, wall_before = driver_cpu_seconds(), time.perf_counter()
        started = asyncio.run(self._phase(trainees, records, spread, think, budget))
        cpu = driver_cpu_seconds() - cpu_before
        phase_wall = time.perf_counter() - wall_before
        first = min((r.began for r in records if r.began is not None), default=started)
        last = max((r.ended for r in records if r.ended is not None), default=first)
        elapsed = last - first
        summaries = {}
        for kind in self.KINDS:
            summaries[kind] = summarize(
                latencies=[t for r in records for t in r.latencies[kind]],
                errors=sum(r.errors[kind] for r in records),
                elapsed=elapsed,
            )
            problems = Counter(p for r in records for p in r.problems if p.startswith(f"{kind}:"))
            summaries[kind]["error_samples"] = [
                f"{count} x {problem}" for problem, count in problems.most_common(ERROR_SAMPLES)
            ]
        durations = sorted(r.ended - r.began for r in records if r.ended and r.began)
        lags = sorted(r.lag for r in records)
        requests = sum(s["requests"] for s in summaries.values())
        return {
            **summaries,
            "journey": {
                "journeys": len(records),
                "journeys_complete": sum(r.complete for r in records),
                "max_in_flight": max_overlap(records),
                "wall_seconds": round(elapsed, 3),
                "requests_per_second": round(requests / elapsed, 1) if elapsed > 0 else 0.0,
                "journey_p50_ms": _ms(percentile_ms(durations, 50)),
                "journey_p95_ms": _ms(percentile_ms(durations, 95)),
                "journey_max_ms": _ms(durations[-1] * 1000 if durations else None),
                "schedule_lag_p99_ms": _ms(percentile_ms(lags, 99)),
                "schedule_lag_max_ms": _ms(lags[-1] * 1000 if lags else None),
                "connections": sum(r.connections for r in records),
                "resent": sum(r.resent for r in records),
                "ports": len(self.ports),
                **cpu_share(cpu, phase_wall),
            },
            "acknowledged": [ack for r in records for ack in r.acknowledged],
        }

    def run(self, scenario: dict) -> dict:
        """{"name", "warmup": phase or None, "steps": [phase]}; each phase as
        phase() returns it, with its pace in "journey"."""
        load, m = scenario["morning"], self.morning
        phases = m["phases"][scenario["name"]]
        spread, think = load["spread_seconds"], load["think_seconds"]
        budget = load["journey_seconds"]
        log(
            f"  {scenario['name']}: {' then '.join(str(n) for n in load['steps'])} trainees over "
            f"{spread:g} s, {m['questions']} answers each, think {think:g} s, "
            f"{len(self.ports)} server(s)"
        )
        warmup = None
        if phases["warmup"]:
            self.sign_in_check(phases["warmup"])
            warmup = self.phase(phases["warmup"], min(1.0, spread), 0.0, budget)
        steps = []
        for trainees in phases["steps"]:
            self.sign_in_check(trainees)
            step = self.phase(trainees, spread, think, budget)
            step["journey"].update(
                users=len(trainees),
                spread_seconds=spread,
                arrivals_per_second=round(len(trainees) / spread, 1) if spread else None,
                think_seconds=think,
                questions=m["questions"],
            )
            j = step["journey"]
            log(
                f"    {len(trainees)} trainees: {step['save']['requests']} saves in "
                f"{j['wall_seconds']} s, {sum(step[k]['errors'] for k in self.KINDS)} errors, "
                f"save p95 {step['save']['p95_ms']} ms; driver CPU {j['driver_cpu_seconds']} s "
                f"({j['driver_cpu_share']:.0%} of a core)"
            )
            steps.append(step)
        return {"name": scenario["name"], "warmup": warmup, "steps": steps}


def job_ports(job: dict) -> list[int]:
    """The servers of the run: job["ports"], or the one job["port"]."""
    ports = job.get("ports") or [job["port"]]
    return [int(port) for port in ports]


def driver_cpu_seconds() -> float:
    """CPU time of this process so far (every thread), user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_share(cpu_seconds: float, wall_seconds: float) -> dict:
    """The driver's CPU over a phase: seconds, and as a share of one core."""
    return {
        "driver_cpu_seconds": round(cpu_seconds, 2),
        "driver_wall_seconds": round(wall_seconds, 2),
        "driver_cpu_share": round(cpu_seconds / wall_seconds, 3) if wall_seconds > 0 else 0.0,
    }


def max_overlap(records: list[JourneyRecord]) -> int:
    """The most journeys under way at the same moment."""
    events = sorted(
        [(r.began, 1) for r in records if r.began is not None]
        + [(r.ended, -1) for r in records if r.ended is not None]
    )
    current = peak = 0
    for _, step in events:
        current += step
        peak = max(peak, current)
    return peak


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def open_files_raised() -> None:
    """Thousands of journeys in flight hold a socket each: lift the soft
    limit of open files to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main() -> int:
    open_files_raised()
    job = json.load(sys.stdin)
    try:
        result = Driver(job).run()
    except BenchError as exc:
        log(f"load driver: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
