"""What the benchmark measures: the baselines, then one entry per page.

To add a scenario, append a Scenario to SCENARIOS. If it needs someone signed
in, name a key of USERS in `login_as` (add the user there; `bench_setup`
creates it). Plain data only: the load driver imports this without Django.
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

SCENARIOS: list[Scenario] = [
    # Baselines first: every other scenario is reported as a ratio of them.
    Scenario(BARE_JSON, "/bench/bare-json/", expect='"ok": true'),
    Scenario(BARE_INSERT, "/bench/bare-insert/", method="POST", expect='"ok": true'),
    Scenario("home-trainee", "/", login_as="trainee", expect=USERS["trainee"].name),
]
