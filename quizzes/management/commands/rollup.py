from datetime import date

from django.core.management.base import BaseCommand, CommandError

from quizzes.models import RollupRun
from quizzes.services.rollups import rollup_run


class Command(BaseCommand):
    help = (
        "Compute the daily rollups now (what dashboards and reports read): by default "
        "incrementally, for the people who answered since the last run; with --full for "
        "the whole organisation. --day YYYY-MM-DD rewrites a past day (full runs only). "
        "Exits 1 when the run fails or another one is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="The whole organisation.")
        parser.add_argument("--day", help="The day to compute, YYYY-MM-DD (with --full).")

    def handle(self, *args, **options):
        day = None
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError as error:
                raise CommandError(f"--day: {error}") from error
            if not options["full"]:
                raise CommandError("--day needs --full: an incremental run is for today.")
        kind = RollupRun.Kind.FULL if options["full"] else RollupRun.Kind.INCREMENTAL
        try:
            run = rollup_run(kind=kind, day=day)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if run is None:
            raise CommandError("Another rollup is running; try again when it has finished.")
        seconds = (run.finished_at - run.started_at).total_seconds()
        if run.status != RollupRun.Status.DONE:
            raise CommandError(f"Rollup run {run.pk} failed: {run.error}")
        self.stdout.write(
            f"Rollup run {run.pk} ({run.kind}, {run.day}): {run.people} people in {seconds:.1f} s."
        )
