from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "tests.bench.benchapp"
    label = "bench"
    verbose_name = "Lianbing benchmark"
    default_auto_field = "django.db.models.BigAutoField"
