from django.apps import AppConfig


class WorkerAppConfig(AppConfig):
    """Registers the test importers in a django-q2 cluster started by a test."""

    name = "tests.imports.workerapp"
    label = "imports_tests_worker"

    def ready(self):
        from imports.registry import register
        from tests.imports.importers import LinesImporter, SlowLinesImporter

        register(LinesImporter())
        register(SlowLinesImporter())
