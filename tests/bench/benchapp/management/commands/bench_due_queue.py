"""Make (or reuse) the due-queue scenario's 10,000 trainees of 200 memory
states and time due_queue(person) for trainees drawn at random; prints JSON
(see tests/bench/duequeue.py and duequeue_measure.py)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from tests.bench.duequeue import DUE_TRAINEES, Plan, StaleQueue, duequeue_make
from tests.bench.duequeue_measure import DUE_SAMPLES, duequeue_measure


class Command(BaseCommand):
    help = "Time due_queue(person) for 10,000 trainees of 200 memory states each."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=DUE_TRAINEES)
        parser.add_argument("--samples", type=int, default=DUE_SAMPLES, help="timed calls")

    def handle(self, *args, trainees: int, samples: int, **options):
        try:
            facts = duequeue_make(
                plan=Plan(trainees=trainees), log=lambda line: print(line, file=sys.stderr)
            )
        except (StaleQueue, ValueError) as error:
            raise CommandError(str(error)) from error
        measured = duequeue_measure(samples=max(1, samples))
        measured["generated"] = {
            key: facts.get(key) for key in ("reused", "seconds", "generated_at")
        }
        self.stdout.write(json.dumps(measured, ensure_ascii=False, default=str))
