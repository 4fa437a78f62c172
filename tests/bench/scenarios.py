"""What the benchmark measures: the baselines, then one entry per page.

To add a scenario, append a Scenario to SCENARIOS. If it needs someone signed
in, name a key of USERS in `login_as` (add the user there; `bench_setup`
creates it). A scenario with a `journey` is not one request repeated but a
scripted journey of many users (see MORNING_DRILL below and load.py).
Plain data only: the load driver imports this without Django.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    method: str = "GET"
    login_as: str | None = None  # a key of USERS; signs in once per client
    body: dict[str, str] | None = None  # sent form-encoded
    expect: str | None = None  # text every response must contain, or it is an error
    journey: str | None = None  # a scripted multi-user journey instead (MORNING_DRILL)


@dataclass(frozen=True)
class BenchUser:
    username: str
    role: str  # a people.roles.Role value
    name: str  # the Person's name, which pages greet them with
    employee_id: str


# The password of every bench user: the bench database is local and disposable.
PASSWORD = "bench-pass-word-0427"

USERS: dict[str, BenchUser] = {
    "trainee": BenchUser(
        username="bench-trainee", role="trainee", name="壓測學員", employee_id="BENCH0001"
    ),
}

BARE_JSON = "bare-json"
BARE_INSERT = "bare-insert"

# The morning drill (issue item 14): a team's trainees all open the same
# 10-question drill within a few seconds and answer it, arriving at a constant
# rate. Each journey signs in with its own session (made by bench_setup, see
# there why), starts the drill, saves MORNING_QUESTIONS answers one by one and
# finishes. Afterwards the database is checked for every answer.
MORNING_DRILL = "morning-drill"
MORNING_USERNAME = "bench-morning-{:04d}"  # 1-based; warm-up users come after the measured ones
MORNING_EMPLOYEE_ID = "BENCHM{:04d}"
MORNING_NAME = "晨練學員{:04d}"
MORNING_DRILL_TITLE = "壓測晨會一口清"
MORNING_QUESTIONS = 10
MORNING_TIME_LIMIT = 600  # seconds: long enough that no answer of the bench is late
MORNING_MAX_USERS = 2000  # a bound on what one run may ask of bench_setup and the driver

SCENARIOS: list[Scenario] = [
    # Baselines first: every other scenario is reported as a ratio of them.
    Scenario(BARE_JSON, "/bench/bare-json/", expect='"ok": true'),
    Scenario(BARE_INSERT, "/bench/bare-insert/", method="POST", expect='"ok": true'),
    Scenario("home-trainee", "/", login_as="trainee", expect=USERS["trainee"].name),
    Scenario(
        MORNING_DRILL,
        "/api/quizzes/drills/{drill}/attempts, /attempts/{attempt}/answers x 10, .../finish",
        method="POST",
        journey=MORNING_DRILL,
    ),
]
