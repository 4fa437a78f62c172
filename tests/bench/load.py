"""The load driver. run.py starts it as its own process (`python -m
tests.bench.load`), so the client never shares an interpreter or a GIL with
the code it measures. Standard library only.

Reads a JSON job on stdin: {"host", "port", "users": {key: {username,
password}}, "scenarios": [Scenario as dict], "concurrency", "seconds",
"warmup_seconds", "max_requests", "timeout", "morning"}. Writes one JSON
object on stdout: {"scenarios": [{name, warmup: {...}, measured: {...}}]}.
Progress goes to stderr.

A scenario with `journey` set is run by MorningDrill instead: see there and
"morning" in run.py's job.
"""

import http.client
import json
import math
import queue
import random
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

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
        self.clients = [
            Client(job["host"], job["port"], job["timeout"]) for _ in range(job["concurrency"])
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


class MorningDrill:
    """Trainees open the same drill at a constant arrival rate and answer it.

    job["morning"]: {"drill_id", "questions", "session_cookie", "csrf_cookie",
    "trainees" and "warmup_trainees": [{username, session, csrf}],
    "spread_seconds", "warmup_spread_seconds", "think_seconds",
    "journey_seconds"}. The sessions come from bench_setup (signed in there).

    Open loop: journey i begins at i * spread / n seconds whatever the server
    is doing, each in its own thread with its own keep-alive connection (a
    phone), so a slow server faces a growing crowd, as on a real morning. A
    journey is start, `questions` answer saves (think_seconds before each),
    finish. Nothing is retried: every failure is counted. No request is sent
    after spread + journey_seconds; the phase is bounded by that plus one
    request timeout.
    """

    KINDS = ("start", "save", "finish")
    SIGN_IN_SECONDS = 60  # to check every session before the timed phase

    def __init__(self, job: dict):
        self.job, self.morning = job, job["morning"]
        self.api = "/api/quizzes"

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
        """Before the clock runs: every session is signed in and sees the drill."""
        todo: queue.SimpleQueue = queue.SimpleQueue()
        for trainee in trainees:
            todo.put(trainee)
        failures: list[str] = []
        deadline = time.perf_counter() + self.SIGN_IN_SECONDS

        def work():
            client = Client(self.job["host"], self.job["port"], self.job["timeout"])
            while time.perf_counter() < deadline:
                try:
                    trainee = todo.get_nowait()
                except queue.Empty:
                    break
                try:
                    headers = self.headers(trainee)
                    response, data = client.request("GET", f"{self.api}/drills", headers=headers)
                    ids = [d["id"] for d in json.loads(data)] if response.status == 200 else []
                    if self.morning["drill_id"] not in ids:
                        failures.append(f"{trainee['username']}: HTTP {response.status}, {ids}")
                except Exception as exc:  # reported below, all at once
                    failures.append(f"{trainee['username']}: {exc!r}")
            client.close()

        threads = [threading.Thread(target=work, daemon=True) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline + self.job["timeout"] - time.perf_counter()))
        if not todo.empty() or any(thread.is_alive() for thread in threads):
            raise BenchError(f"morning drill: sessions not checked in {self.SIGN_IN_SECONDS} s")
        if failures:
            raise BenchError(
                f"morning drill: {len(failures)} session(s) not signed in or without the drill, "
                f"e.g. {failures[:3]}"
            )

    def journey(self, index: int, trainee: dict, record: JourneyRecord, deadline: float):
        m = self.morning
        client = Client(self.job["host"], self.job["port"], self.job["timeout"])
        headers = self.headers(trainee)
        rng = random.Random(index)

        def post(kind: str, path: str, body: dict | None):
            if time.perf_counter() > deadline:
                record.errors[kind] += 1
                record.problems.append(f"{kind}: not sent, the phase ran out of time")
                return None
            payload = b"" if body is None else json.dumps(body).encode()
            began = time.perf_counter()
            problem, out = None, None
            try:
                response, data = client.request("POST", path, body=payload, headers=headers)
                if response.status != 200:
                    problem = f"{kind}: HTTP {response.status} {data[:120]!r}"
                else:
                    out = json.loads(data)
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
            attempt = post("start", f"{self.api}/drills/{m['drill_id']}/attempts", None)
            if attempt is None:
                return
            items = sorted(attempt.get("items", []), key=lambda item: item["position"])
            if attempt.get("status") != "in_progress" or len(items) != m["questions"]:
                wrong("start", f"status {attempt.get('status')}, {len(items)} item(s)")
                return
            saved = 0
            for item in items:
                if m["think_seconds"]:
                    time.sleep(m["think_seconds"])
                response = {"choice": rng.choice([c["id"] for c in item["question"]["choices"]])}
                body = {"position": item["position"], "response": response}
                out = post("save", f"{self.api}/attempts/{attempt['id']}/answers", body)
                if out is None:
                    continue
                if out.get("saved") is not True or out.get("position") != item["position"]:
                    wrong("save", f"answered {out!r:.120}")
                    continue
                saved += 1
                record.acknowledged.append(
                    [trainee["username"], attempt["id"], item["position"], response]
                )
            out = post("finish", f"{self.api}/attempts/{attempt['id']}/finish", None)
            if out is not None and out.get("status") != "finished":
                wrong("finish", f"status {out.get('status')}")
                return
            record.complete = out is not None and saved == len(items)
        except Exception as exc:  # a bug of the driver or a malformed answer: counted too
            wrong("save", f"journey stopped: {exc!r}")
        finally:
            record.ended = time.perf_counter()
            client.close()

    def phase(self, trainees: list[dict], spread: float) -> dict:
        """Journeys at a constant arrival rate; the numbers of the phase."""
        records = [JourneyRecord() for _ in trainees]
        interval = spread / len(trainees) if trainees else 0.0
        started = time.perf_counter()
        deadline = started + spread + self.morning["journey_seconds"]
        threads = []
        for index, (trainee, record) in enumerate(zip(trainees, records, strict=True)):
            due = started + index * interval
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            record.lag = time.perf_counter() - due
            thread = threading.Thread(
                target=self.journey, args=(index, trainee, record, deadline), daemon=True
            )
            thread.start()
            threads.append(thread)
        hard_stop = deadline + self.job["timeout"] + 5
        for thread in threads:
            thread.join(timeout=max(0.0, hard_stop - time.perf_counter()))
        if any(thread.is_alive() for thread in threads):
            raise BenchError("morning drill: a journey did not stop in time")
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
            "acknowledged": [ack for r in records for ack in r.acknowledged],
        }

    def all_errors(self, summary: dict, phase: dict) -> dict:
        return {
            **summary,
            "errors": sum(phase[k]["errors"] for k in self.KINDS),
            "error_samples": [x for k in self.KINDS for x in phase[k]["error_samples"]],
        }

    def run(self, scenario: dict) -> dict:
        m = self.morning
        trainees, warm = m["trainees"], m["warmup_trainees"]
        log(
            f"  {scenario['name']}: {len(trainees)} trainees over {m['spread_seconds']:g} s, "
            f"{m['questions']} answers each, think {m['think_seconds']:g} s"
        )
        self.sign_in_check(warm + trainees)
        warmup = self.phase(warm, m["warmup_spread_seconds"]) if warm else None
        measured = self.phase(trainees, m["spread_seconds"])
        log(
            f"    {measured['save']['requests']} saves in {measured['wall_seconds']} s, "
            f"{sum(measured[k]['errors'] for k in self.KINDS)} errors, "
            f"{measured['save']['rps']} saves/s"
        )
        acknowledged = measured.pop("acknowledged") + (warmup.pop("acknowledged") if warm else [])
        return {
            "name": scenario["name"],
            # The answer saves are this scenario's requests; start and finish
            # are reported beside them. The warm-up's errors are of all three.
            "warmup": self.all_errors(warmup["save"], warmup) if warmup else None,
            "measured": measured.pop("save"),
            "start": measured.pop("start"),
            "finish": measured.pop("finish"),
            "journey": {
                **measured,
                "users": len(trainees),
                "warmup_users": len(warm),
                "spread_seconds": m["spread_seconds"],
                "arrivals_per_second": round(len(trainees) / m["spread_seconds"], 1)
                if m["spread_seconds"]
                else None,
                "think_seconds": m["think_seconds"],
                "questions": m["questions"],
            },
            "acknowledged": acknowledged,
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


def main() -> int:
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
