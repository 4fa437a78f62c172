"""The load driver. run.py starts it as its own process (`python -m
tests.bench.load`), so the client never shares an interpreter or a GIL with
the code it measures. Standard library only.

Reads a JSON job on stdin: {"host", "port", "users": {key: {username,
password}}, "scenarios": [Scenario as dict], "concurrency", "seconds",
"warmup_seconds", "max_requests", "timeout"}. Writes one JSON object on
stdout: {"scenarios": [{name, warmup: {...}, measured: {...}}]}. Progress
goes to stderr.
"""

import http.client
import json
import math
import re
import sys
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.bench.stats import summarize

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
        headers = [self.headers_for(i, scenario) for i in range(len(self.clients))]
        quota = math.ceil(max_requests / len(self.clients))
        latencies: list[list[float]] = [[] for _ in self.clients]
        errors = [0] * len(self.clients)
        problems: Counter[str] = Counter()
        problems_lock = threading.Lock()

        def work(index: int, deadline: float):
            client, times = self.clients[index], latencies[index]
            while len(times) < quota and time.perf_counter() < deadline:
                began = time.perf_counter()
                problem = None
                try:
                    response, data = client.request(
                        scenario["method"], scenario["path"], body=body, headers=headers[index]
                    )
                    if not 200 <= response.status < 300:
                        problem = f"HTTP {response.status}"
                        if response.getheader("Location"):
                            problem += f" to {response.getheader('Location')}"
                    elif expect and expect not in data:
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
            threading.Thread(target=work, args=(i, deadline), daemon=True)
            for i in range(len(self.clients))
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

    def run(self) -> dict:
        results = []
        for scenario in self.job["scenarios"]:
            log(f"  {scenario['name']}: {scenario['method']} {scenario['path']}")
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
