"""The organisation the issue-14 scenarios run against, made by the bench itself:
at scale 1, 100,000 trainees in a bank's tree (head office, branches,
sub-branches, a team of 200 and teams of 25) with 10 million answers over the
last year, their memory states, mastery snapshots, a course with 5,000
completions and their whole follow-up, business figures, training plans and
a year of daily rollups.

Set-based SQL on PostgreSQL (INSERT ... SELECT generate_series), every value a
closed formula of a person's number, so the same scale always gives the same
rows; the big tables are loaded without their secondary indexes, rebuilt
after. All of it in one transaction: either the whole organisation is there,
with its marker row, or none of it.

The marker table `bench_orgscale` records the generator's version (a hash of
these modules) and scale: `orgscale_make` reuses data of the same version and
scale, and refuses another (run.py then recreates the bench database).

    .venv/bin/python -m tests.bench.orgscale --scale 0.01     # try it small
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianbing_try \
        .venv/bin/python -m tests.bench.orgscale --scale 0.01
"""

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

MARKER_TABLE = "bench_orgscale"
FULL_PEOPLE = 100_000
MIN_SCALE = 0.005  # 500 people: the team of 200 and a few small teams
HERE = Path(__file__).resolve().parent
SOURCES = ("orgscale.py", "orgscale_bulk.py", "orgscale_people.py", "orgscale_answers.py")
SOURCES += ("orgscale_course.py", "orgscale_rollups.py")


@dataclass(frozen=True)
class Plan:
    """How many of everything at a scale (1.0: the issue's organisation)."""

    scale: float
    people: int
    team: int = 200  # the dashboard's team, under the first sub-branch
    team_size: int = 25  # every other team
    teams_per_sub_branch: int = 20
    sub_branches_per_branch: int = 10
    topics: int = 40
    questions_per_topic: int = 50
    topics_per_person: int = 5  # each drilled twice: 10 attempts a person
    attempts_per_topic: int = 2
    items_per_attempt: int = 10
    completer_every: int = 20  # every 20th person completed the course: 5,000 at scale 1
    figures_every: int = 4  # every 4th person has business figures (completers included)
    course_topics: int = 4  # topics 0..3
    snapshot_days: int = 30  # daily snapshots of the team; monthly ones for a year
    months: int = 12

    @classmethod
    def at(cls, scale: float) -> "Plan":
        if scale < MIN_SCALE or scale > 2:
            raise ValueError(f"scale must be between {MIN_SCALE} and 2, not {scale}")
        return cls(scale=scale, people=round(FULL_PEOPLE * scale))

    @property
    def attempts_per_person(self) -> int:
        return self.topics_per_person * self.attempts_per_topic

    @property
    def attempts(self) -> int:
        return self.people * self.attempts_per_person

    @property
    def answers(self) -> int:
        return self.attempts * self.items_per_attempt

    @property
    def small_teams(self) -> int:
        return -(-(self.people - self.team) // self.team_size)

    @property
    def sub_branches(self) -> int:
        return -(-self.small_teams // self.teams_per_sub_branch)

    @property
    def branches(self) -> int:
        return -(-self.sub_branches // self.sub_branches_per_branch)

    @property
    def completions(self) -> int:
        return -(-(self.people - 3) // self.completer_every)


def version() -> str:
    """Changes whenever the generator, or the users it makes for the scenarios,
    change; not with every other scenario added to scenarios.py."""
    from tests.bench.scenarios import PASSWORD, USERS

    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((HERE / name).read_bytes())
    made = sorted(repr(user) for user in USERS.values() if user.made_by == "orgscale")
    digest.update(repr((PASSWORD, made)).encode())
    return "orgscale-" + digest.hexdigest()[:16]


def marker_read(cursor) -> dict | None:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [MARKER_TABLE])
    if not cursor.fetchone()[0]:
        return None
    cursor.execute(
        f"SELECT version, scale, generated_at, seconds, facts FROM {MARKER_TABLE}"  # noqa: S608
    )
    row = cursor.fetchone()
    if row is None:
        return None
    facts = row[4] if isinstance(row[4], dict) else json.loads(row[4])
    return {
        "version": row[0],
        "scale": row[1],
        "generated_at": row[2].isoformat(),
        "seconds": row[3],
        "facts": facts,
    }


def _marker_write(cursor, *, plan: Plan, seconds: float, facts: dict) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (version text NOT NULL, "
        "scale double precision NOT NULL, generated_at timestamptz NOT NULL, "
        "seconds double precision NOT NULL, facts jsonb NOT NULL)"
    )
    cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
    cursor.execute(
        f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now(), %s, %s)",  # noqa: S608
        [version(), plan.scale, round(seconds, 1), json.dumps(facts)],
    )


class StaleOrganisation(Exception):
    """The database holds an organisation of another version or scale."""


def orgscale_make(*, scale: float = 1.0, log=print) -> dict:
    """The generated organisation's facts (ids, counts, how long it took),
    generating it unless this version at this scale is already there."""
    from django.db import connection, transaction

    from tests.bench import orgscale_answers, orgscale_course, orgscale_people, orgscale_rollups

    if connection.vendor != "postgresql":
        raise RuntimeError("the organisation generator writes with PostgreSQL's SQL")
    plan = Plan.at(scale)
    with connection.cursor() as cursor:
        marker = marker_read(cursor)
    if marker is not None:
        if marker["version"] == version() and marker["scale"] == plan.scale:
            return {**marker["facts"], "reused": True, "generated_at": marker["generated_at"]}
        raise StaleOrganisation(
            f"the database holds an organisation of {marker['version']} at scale "
            f"{marker['scale']:g}, not {version()} at {plan.scale:g}"
        )
    log(
        f"orgscale: generating {plan.people:,} people and {plan.answers:,} answers "
        f"(scale {plan.scale:g})"
    )
    started = time.monotonic()
    steps = {}

    def step(name, function, *args):
        began = time.monotonic()
        result = function(cursor, plan, *args)
        steps[name] = round(time.monotonic() - began, 1)
        log(f"orgscale:   {name}: {steps[name]:.1f} s")
        return result

    with transaction.atomic(), connection.cursor() as cursor:
        # This transaction's commit need not wait for the disk; index builds get memory.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        ids = step("organisation and people", orgscale_people.people_make)
        ids |= step("question bank and drills", orgscale_people.bank_make, ids)
        step("attempts and answers", orgscale_answers.answers_make, ids)
        step("memory states", orgscale_answers.memory_make, ids)
        step("mastery snapshots", orgscale_answers.snapshots_make, ids)
        ids |= step("course and follow-up", orgscale_course.course_make, ids)
        step("training plans", orgscale_course.plans_make, ids)
        step("a year of rollups", orgscale_rollups.rollups_make, ids)
        counts = orgscale_people.counts(cursor, ids)
        seconds_loaded = time.monotonic() - started
        facts = {"plan": asdict(plan), "ids": ids, "counts": counts}
        _marker_write(cursor, plan=plan, seconds=seconds_loaded, facts=facts)
    with connection.cursor() as cursor:
        step("vacuum and analyze", orgscale_people.tables_analyze)
    seconds = round(time.monotonic() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MARKER_TABLE} SET seconds = %s", [seconds])  # noqa: S608
    log(f"orgscale: generated in {seconds:.1f} s")
    return {**facts, "reused": False, "seconds": seconds, "steps": steps}


def main() -> None:  # pragma: no cover - a developer's script
    import argparse
    import os
    import sys

    parser = argparse.ArgumentParser(description="Generate the bench organisation.")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 100,000 people")
    args = parser.parse_args()
    repo = HERE.parents[1]
    sys.path[:0] = [str(repo), str(repo / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.test")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lianbing_bench"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    facts = orgscale_make(scale=args.scale, log=lambda line: print(line, file=sys.stderr))
    print(json.dumps(facts, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
