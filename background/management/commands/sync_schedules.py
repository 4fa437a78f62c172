from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from background.services import schedule_ensure


class Command(BaseCommand):
    help = "Create or update every app's recurring schedules (by name, so re-running is harmless)."

    def handle(self, *args, **options):
        count = 0
        for app_config in apps.get_app_configs():
            try:
                module = import_module(f"{app_config.name}.schedules")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.schedules":
                    raise
                continue
            for spec in module.SCHEDULES:
                schedule_ensure(**spec)
                count += 1
        self.stdout.write(f"{count} schedule(s) in place.")
