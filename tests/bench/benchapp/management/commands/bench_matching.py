"""Build the mentor-suggestion scenario's data (idempotent) and time whole
suggestion runs in process; prints the measurement as JSON (see
tests/bench/matching.py)."""

import json

from django.core.management.base import BaseCommand

from tests.bench.matching import matching_measure, matching_world_make


class Command(BaseCommand):
    help = "Time whole mentor-suggestion runs for 1,000 mentees and 200 mentors."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5, help="timed runs after a warm-up")

    def handle(self, *args, repeat: int, **options):
        user = matching_world_make()
        self.stdout.write(json.dumps(matching_measure(user, repeat=max(1, repeat))))
