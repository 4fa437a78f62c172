"""The morning-drill scenarios between the driver and the report: who takes
part in which phase, what the database check is asked, and the result row
made of the driver's phases and the check's answers. Plain data, no Django.

Every phase has its own trainees (bench_setup makes them all): an attempt of
the drill each, so the database check stays "exactly one finished attempt
with every answer per trainee", and each capacity step starts as fresh as the
first (no earlier attempt, memory state or mastery of its trainees). A run of
morning-drill, morning-drill-burst and morning-capacity with the issue's
numbers asks bench_setup for about 13,700 trainees, made in bulk in seconds;
reusing trainees across steps would need a drill allowing several attempts
and steps that no longer start alike.
"""

from dataclasses import replace

from tests.bench.scenarios import MORNING_DRILL, MorningLoad, Scenario


def is_morning(scenario: Scenario) -> bool:
    return scenario.journey == MORNING_DRILL


def journey_seconds(load: MorningLoad, questions: int) -> float:
    """The budget of a journey after its arrival: given, or 120 s plus its thinking."""
    if load.journey_seconds is not None:
        return load.journey_seconds
    return 120.0 + load.think_seconds * questions


def resolved(scenario: Scenario, load: MorningLoad, questions: int) -> Scenario:
    """The scenario with the load it runs with (its journey budget filled in)."""
    return replace(
        scenario, morning=replace(load, journey_seconds=journey_seconds(load, questions))
    )


def allocate(scenarios: list[Scenario], trainees: list[dict]) -> dict:
    """Each morning scenario's phases, from bench_setup's trainees in order:
    {name: {"warmup": [...], "steps": [[...], ...]}}."""
    phases, at = {}, 0

    def take(count: int) -> list[dict]:
        nonlocal at
        if at + count > len(trainees):
            raise SystemExit(f"bench_setup made {len(trainees)} morning trainees, too few")
        taken = trainees[at : at + count]
        at += count
        return taken

    for scenario in scenarios:
        load = scenario.morning
        phases[scenario.name] = {
            "warmup": take(load.warmup_users),
            "steps": [take(users) for users in load.steps],
        }
    return phases


def trainees_needed(scenarios: list[Scenario]) -> int:
    return sum(s.morning.warmup_users + sum(s.morning.steps) for s in scenarios)


def check_questions(driven: dict, phases: dict, drill: dict) -> list[dict]:
    """What bench_morning_check is asked about one scenario's phases: the
    warm-up (if any) first, then each step."""
    mine = phases[driven["name"]]
    runs = ([(mine["warmup"], driven["warmup"])] if driven["warmup"] else []) + list(
        zip(mine["steps"], driven["steps"], strict=True)
    )
    return [
        {
            "drill_id": drill["drill_id"],
            "questions": drill["questions"],
            "usernames": [t["username"] for t in trainees],
            "acknowledged": phase["acknowledged"],
        }
        for trainees, phase in runs
    ]


def _all_errors(phase: dict) -> dict:
    """A warm-up phase as one summary: its saves, with the errors of all three kinds."""
    kinds = ("start", "save", "finish")
    return {
        **phase["save"],
        "errors": sum(phase[k]["errors"] for k in kinds),
        "error_samples": [x for k in kinds for x in phase[k]["error_samples"]],
    }


def _checked(check: dict) -> dict:
    return {
        "lost_answers": check["lost_answers"],
        "acknowledged_lost": check.get("acknowledged_lost", 0),
        "unfinished_attempts": check["unfinished_attempts"],
    }


def step_row(step: dict, check: dict) -> dict:
    """One step as a result row's fields: its saves as `measured`."""
    return {
        "measured": step["save"],
        "start": step["start"],
        "finish": step["finish"],
        "journey": step["journey"],
        **_checked(check),
        "saves_per_second": step["save"]["rps"],
        "database_check": check,
    }


def step_held(step: dict, limit_ms: float) -> bool:
    """A step holds when its save p95 is within `limit_ms` and nothing failed:
    no error of any kind, no lost answer, no unfinished attempt."""
    p95 = step["measured"]["p95_ms"]
    errors = sum(step[k]["errors"] for k in ("measured", "start", "finish"))
    return (
        p95 is not None
        and p95 <= limit_ms
        and errors == 0
        and not step["lost_answers"]
        and not step["unfinished_attempts"]
    )


def capacity_pick(steps: list[dict], limit_ms: float) -> int | None:
    """The largest number of trainees held, every smaller step held too (a
    step that held above one that did not is noise, not capacity); None when
    the smallest did not hold."""
    held = None
    for step in sorted(steps, key=lambda s: s["journey"]["users"]):
        if not step_held(step, limit_ms):
            break
        held = step["journey"]["users"]
    return held


def result_row(scenario: Scenario, driven: dict, checks: list[dict]) -> dict:
    """The report's row of a morning scenario, from the driver's phases and
    the answers of check_questions (same order)."""
    checks = list(checks)
    warm_check = checks.pop(0) if driven["warmup"] else None
    warm = _all_errors(driven["warmup"]) if driven["warmup"] else None
    steps = [step_row(step, check) for step, check in zip(driven["steps"], checks, strict=True)]
    warmup_users = scenario.morning.warmup_users
    for step in steps:
        step["journey"]["warmup_users"] = warmup_users
    if not scenario.morning.capacity:
        row = {"name": scenario.name, "warmup": warm, **steps[0]}
        if warm_check:  # the warm-up's answers are checked too
            for key, value in _checked(warm_check).items():
                row[key] += value
            row["database_check"] = {
                "measured": steps[0]["database_check"],
                "warmup": warm_check,
                "problems": warm_check["problems"] + steps[0]["database_check"]["problems"],
            }
        return row
    limit = scenario.limit_ms
    for step in steps:
        step["held"] = step_held(step, limit)
    held = capacity_pick(steps, limit)
    shown = next((s for s in steps if s["journey"]["users"] == held), steps[0])
    return {
        "name": scenario.name,
        "warmup": warm,
        "warmup_check": warm_check,
        # The row's own numbers are those of the largest step held (or of the
        # smallest step when none held); every step is under "capacity".
        "measured": shown["measured"],
        "capacity": {"held": held, "limit_ms": limit, "steps": steps},
    }
