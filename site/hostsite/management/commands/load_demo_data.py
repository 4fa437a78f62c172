from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demofiles import DemoDataError
from quizzes.services.rollup_history import rollup_history_fill
from quizzes.services.rollups import rollup_run

# The demo's drilling and follow-ups reach this far back.
DEMO_HISTORY_DAYS = 120


class Command(BaseCommand):
    help = (
        "Build the demo organisation and content. Each installed app with a "
        "`demo` module adds its own part through demo.build(log=...), from the "
        "data files beside it (demo.data() reads and checks them). "
        "Safe to re-run: what exists is kept as it is. --reset rebuilds the demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo content and build it again."
        )

    def handle(self, *args, reset, **options):
        try:
            self._load(reset)
        except DemoDataError as exc:
            raise CommandError(f"The demo's data has a mistake: {exc}") from exc

    def _load(self, reset):
        builders = []
        for app_config in apps.get_app_configs():
            try:
                builders.append(import_module(f"{app_config.name}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
        # Every app's data files are read and checked before anything is written,
        # so a mistake in the last of them leaves the database as it was.
        for module in builders:
            if hasattr(module, "data"):
                module.data()
        if reset:
            # Later apps depend on earlier ones, so they are cleared first.
            with transaction.atomic():
                for module in reversed(builders):
                    module.clear(log=self.stdout.write)
        for module in builders:
            with transaction.atomic():
                module.build(log=self.stdout.write)
        self._compute_daily_figures()
        self._print_logins(builders)

    def _compute_daily_figures(self):
        """What the nightly rollups would have computed over the demo's past, and
        today's, so that the dashboards tell their story on first start."""
        today = timezone.localdate()
        days = rollup_history_fill(first=today - timedelta(days=DEMO_HISTORY_DAYS), last=today)
        run = rollup_run(kind="full")
        status = run.status if run else "skipped: another run is going"
        self.stdout.write(f"Daily figures: {days} past days and today ({status}).")

    def _print_logins(self, builders):
        logins = [login for module in builders for login in getattr(module, "LOGINS", [])]
        if not logins:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (one per role):"))
        for role, username, password in logins:
            self.stdout.write(f"  {role:<14} {username:<10} {password}")
