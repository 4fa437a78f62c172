"""The morning drill's journeys in process, through the site's own WSGI
handler and its whole middleware stack, to see where a request's CPU goes
without a server or a load driver (issue 16). Not part of `make bench`.

Prepare a database and sessions as the bench does, with the environment of
tests/bench/run.py's django_env (DJANGO_SETTINGS_MODULE=hostsite.settings.bench,
DATABASE_URL of a bench database, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
SECURE_SSL_REDIRECT=false):

    python site/manage.py migrate
    python site/manage.py bench_setup --morning-users 400 --sessions-file var/bench/s.json
    python tests/bench/morning_profile.py var/bench/s.json FIRST COUNT [--profile KIND] [--sql] [--cold]

Each of trainees FIRST .. FIRST+COUNT-1 (each has one journey: run
bench_setup again to start afresh) signs in as the driver's check does, then
starts the drill, saves 10 answers and hands in. The first five journeys warm
up. Printed per kind (start, save, finish): the median CPU of this process,
the mean CPU of the PostgreSQL backend serving it (from /proc: the database
on this machine), the queries, and then the mean CPU of each in eighths of
the run (a cost that grows with the answers already written shows as a
rising line: an empty table's statistics once made a save's plan scan every
answer). --profile KIND runs cProfile (on a CPU clock)
over that kind's requests and prints its own time by package, the
cumulative listing going to var/bench/morning-profile.txt; --sql prints the
statements of the last request of each kind. The sign-in check (a GET of
the drills) fills the trainee's reader cache entry; --cold leaves it out,
so the start reads the entry, as under the load driver, which checks at
most 200 trainees a phase.
"""

import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.bench")

from django.db import connection  # noqa: E402

from hostsite.wsgi import application  # noqa: E402
from tests.bench.stats import part_means  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / TICK


def environ(path, body, trainee, method="POST", token=None):
    extra = {"HTTP_X_ANSWER_TOKEN": token} if token else {}
    return {
        **extra,
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_COOKIE": f"sessionid={trainee['session']}; csrftoken={trainee['csrf']}",
        "HTTP_X_CSRFTOKEN": trainee["csrf"],
        "CONTENT_TYPE": "application/json",
        "HTTP_ACCEPT": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


class Counter:
    def __init__(self):
        self.n = 0
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        self.sql.append(sql[:150])
        return execute(sql, params, many, context)


def call(path, body, trainee, method="POST", token=None):
    status = []
    out = application(
        environ(path, body, trainee, method, token), lambda s, h: status.append((s, h))
    )
    data = b"".join(out)
    if hasattr(out, "close"):
        out.close()
    return status[0][0], data


def main():
    sessions = json.loads(Path(sys.argv[1]).read_text())
    first, count = int(sys.argv[2]), int(sys.argv[3])
    prof_kind = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--profile" else None
    show_sql = "--sql" in sys.argv
    cold = "--cold" in sys.argv
    drill = sessions["drill_id"]
    trainees = sessions["trainees"][first : first + count]
    cpu = defaultdict(list)
    db = defaultdict(list)
    queries = defaultdict(list)
    sqls = {}
    prof = cProfile.Profile(time.process_time)
    pid = None

    def request(kind, path, payload, trainee, measure, token=None):
        nonlocal pid
        body = b"" if payload is None else json.dumps(payload).encode()
        counter = Counter()
        if pid is not None:
            d0 = backend_cpu(pid)
        c0 = time.process_time()
        with connection.execute_wrapper(counter):
            if measure and kind == prof_kind:
                prof.enable()
            status, data = call(path, body, trainee, token=token)
            if measure and kind == prof_kind:
                prof.disable()
        c1 = time.process_time()
        if pid is None and connection.connection is not None:
            with connection.cursor() as c:
                c.execute("select pg_backend_pid()")
                pid = c.fetchone()[0]
            d0 = None
        if measure:
            cpu[kind].append((c1 - c0) * 1000)
            if pid is not None and d0 is not None:
                db[kind].append((backend_cpu(pid) - d0) * 1000)
            queries[kind].append(counter.n)
            sqls[kind] = counter.sql
        if not status.startswith("200"):
            raise SystemExit(f"{kind} {path}: {status} {data[:300]!r}")
        return json.loads(data)

    for index, trainee in enumerate(trainees):
        measure = index >= 5  # the first journeys warm up
        rng = random.Random(index)
        if not cold:  # as the driver's sign-in check (of at most 200 trainees a phase)
            call("/api/quizzes/drills", b"", trainee, "GET")
        attempt = request("start", f"/api/quizzes/drills/{drill}/attempts", None, trainee, measure)
        for item in sorted(attempt["items"], key=lambda i: i["position"]):
            choice = rng.choice([c["id"] for c in item["question"]["choices"]])
            request(
                "save",
                f"/api/quizzes/attempts/{attempt['id']}/answers",
                {"position": item["position"], "response": {"choice": choice}},
                trainee,
                measure,
                attempt.get("answer_token"),  # as the phone page sends it
            )
        out = request(
            "finish",
            f"/api/quizzes/attempts/{attempt['id']}/finish",
            None,
            trainee,
            measure,
            attempt.get("answer_token"),  # as the phone page sends it
        )
        assert out["status"] == "finished", out["status"]
    for kind in ("start", "save", "finish"):
        print(
            f"{kind:7s} n={len(cpu[kind]):4d} web CPU median {statistics.median(cpu[kind]):6.2f} ms"
            f" (p25 {statistics.quantiles(cpu[kind], n=4)[0]:.2f}),"
            f" PG backend CPU mean {statistics.mean(db[kind]) if db[kind] else 0:5.2f} ms,"
            f" queries {statistics.median(queries[kind])}"
        )
        if show_sql:
            for s in sqls[kind]:
                print("     ", s)
    # A cost that grows with the rows already written shows as a rising line.
    for kind in ("start", "save", "finish"):
        for name, values in (("web", cpu[kind]), ("PG", db[kind])):
            means = " ".join(f"{mean:.2f}" for mean in part_means(values, 8))
            print(f"{kind:7s} {name:3s} CPU by eighths of the run (ms): {means}")
    if prof_kind:
        report(prof, len(cpu[prof_kind]))


GROUPS = [
    ("fsrs", "/fsrs/"),
    ("psycopg (DB round trips)", "/psycopg"),
    ("django.db.models.sql (compile)", "/django/db/models/sql/"),
    ("django.db.models (other ORM)", "/django/db/models/"),
    ("django.db.backends", "/django/db/backends/"),
    ("django.db (other)", "/django/db/"),
    ("sessions", "/django/contrib/sessions/"),
    ("auth", "/django/contrib/auth/"),
    ("messages", "/django/contrib/messages/"),
    ("django.middleware", "/django/middleware/"),
    ("django.core.handlers", "/django/core/handlers/"),
    ("django.core.cache", "/django/core/cache/"),
    ("django.urls", "/django/urls/"),
    ("django.http", "/django/http/"),
    ("django.utils.translation", "/django/utils/translation/"),
    ("django.dispatch (signals)", "/django/dispatch/"),
    ("django (other)", "/django/"),
    ("ninja", "/ninja/"),
    ("pydantic", "/pydantic"),
    ("django_redis", "/django_redis/"),
    ("redis", "/redis/"),
    ("whitenoise", "/whitenoise/"),
    ("csp", "/csp/"),
    ("axes", "/axes/"),
    ("wagtail", "/wagtail/"),
    ("markdown/markup", "/markdown"),
    ("json", "/json/"),
    ("courses (receivers)", "/courses/"),
    ("people", "/people/"),
    ("quizzes", "/quizzes/"),
    ("requestmemo", "/requestmemo/"),
    ("hostsite", "/hostsite/"),
    ("markup", "/markup/"),
    ("hanzi", "/hanzi/"),
]


def report(prof, n):
    stats = pstats.Stats(prof)
    groups = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        group = "builtins/other"
        if filename == "~":
            group = "builtins (C)"
        for name, fragment in GROUPS:
            if fragment in filename:
                group = name
                break
        groups[group] += tt
    total = sum(groups.values())
    print(f"profiled total {total / n * 1000:.2f} ms per request (own time by package):")
    for name, tt in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"  {tt / n * 1000:6.2f} ms  {name}")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(70)
    target = REPO / "var" / "bench" / "morning-profile.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(out.getvalue())


if __name__ == "__main__":
    main()
