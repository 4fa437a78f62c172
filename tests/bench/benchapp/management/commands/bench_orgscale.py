"""Generate the organisation of the issue-14 scenarios, or find it (same
version and scale), and say which of its pages this site has; prints JSON
(see tests/bench/orgscale.py)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.urls import Resolver404, resolve

from tests.bench.orgscale import StaleOrganisation, orgscale_make
from tests.bench.scenarios import SCENARIOS

# A path no route of the site names: it lands in Wagtail's page serving.
UNROUTED = "/bench-orgscale-no-such-route/"


def route_missing(path: str) -> str | None:
    """Why `path` cannot be measured on this site, or None when it can: a
    path caught by Wagtail's page serving has no view of its own yet."""
    bare = path.split("?", 1)[0]
    try:
        match = resolve(bare)
    except Resolver404:
        return f"no route for {bare}"
    if match.func == resolve(UNROUTED).func:
        return f"no route for {bare} on this site yet"
    return None


class Command(BaseCommand):
    help = "Generate (or reuse) the bench organisation of 100,000 people and 10M answers."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0: 100,000 people")

    def handle(self, *args, scale: float, **options):
        try:
            facts = orgscale_make(scale=scale, log=lambda line: print(line, file=sys.stderr))
        except (StaleOrganisation, ValueError) as error:
            raise CommandError(str(error)) from error
        fill = {"team": facts["ids"]["team"], "course": facts["ids"]["course"]}
        facts["paths"] = {}
        facts["missing"] = {}
        for scenario in SCENARIOS:
            if scenario.orgscale and scenario.journey is None:
                path = scenario.path.format(**fill)
                facts["paths"][scenario.name] = path
                reason = route_missing(path)
                if reason:
                    facts["missing"][scenario.name] = reason
        self.stdout.write(json.dumps(facts, ensure_ascii=False, default=str))
