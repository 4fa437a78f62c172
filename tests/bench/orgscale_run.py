"""run.py's part of the issue-14 scenarios: the generated organisation (made
or reused), the paths filled with its ids, scenarios that cannot run here
reported "not available", and the rollups timed in process."""

import json
import subprocess
import sys
import time
from dataclasses import replace

from tests.bench import database
from tests.bench.orgscale import version
from tests.bench.rollups import rollup_row
from tests.bench.scenarios import ROLLUP_FULL, ROLLUP_INCREMENTAL, ROLLUPS


def stale_reason(url: str, scale: float) -> str | None:
    """Why the bench database must be recreated before generating, or None."""
    marker = database.orgscale_marker(url)
    if marker is None:
        return None
    if marker["version"] != version():
        return f"it holds an organisation of {marker['version']}, the generator is {version()}"
    if marker["scale"] != scale:
        return f"it holds an organisation at scale {marker['scale']:g}, not {scale:g}"
    return None


def organisation(repo, env: dict, scale: float) -> dict:
    """Generate or reuse the organisation; its facts (ids, counts, seconds, paths)."""
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "site/manage.py", "bench_orgscale", "--scale", f"{scale:g}"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=3600,
        check=True,
    )
    facts = json.loads(done.stdout)
    facts["wall_seconds"] = round(time.monotonic() - began, 1)
    return facts


def unavailable_row(name: str, reason: str) -> dict:
    return {"name": name, "unavailable": reason}


def http_scenarios(scenarios, facts: dict | None):
    """(the HTTP scenarios to drive, with their paths filled in; rows of those
    whose page this site does not have)."""
    runnable, rows = [], []
    for scenario in scenarios:
        if not scenario.orgscale:
            runnable.append(scenario)
        elif scenario.name in facts["missing"]:
            rows.append(unavailable_row(scenario.name, facts["missing"][scenario.name]))
        else:
            runnable.append(replace(scenario, path=facts["paths"][scenario.name]))
    return runnable, rows


def rollup_rows(repo, env: dict, names: set[str]) -> list[dict]:
    """The rollup scenarios asked for, timed by manage.py bench_rollups (both
    run: the incremental one needs the full one before it)."""
    done = subprocess.run(
        [sys.executable, "site/manage.py", "bench_rollups", "--day", str(int(time.time()) % 50)],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=1800,
        check=True,
    )
    measured = json.loads(done.stdout)
    rows = []
    for name, part in ((ROLLUP_FULL, "full"), (ROLLUP_INCREMENTAL, "incremental")):
        if name not in names:
            continue
        if "unavailable" in measured:
            rows.append(unavailable_row(name, measured["unavailable"]))
        else:
            rows.append(rollup_row(name, measured[part], measured))
    return rows


def is_rollup(scenario) -> bool:
    return scenario.journey in ROLLUPS
