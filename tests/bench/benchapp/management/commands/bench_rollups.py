"""Time the nightly full rollup of the generated organisation, then add a
normal day's answers and time the incremental rollup after them; prints JSON
(see tests/bench/rollups.py)."""

import json

from django.core.management.base import BaseCommand

from tests.bench.rollups import rollups_measure


class Command(BaseCommand):
    help = "Time rollup_run(kind='full') and, after a day's answers, kind='incremental'."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=int, default=0, help="which day's answers (varies who)")

    def handle(self, *args, day: int, **options):
        self.stdout.write(json.dumps(rollups_measure(day=day), default=str))
