"""Refuse to start with a django-q2 configuration that would run a task twice.

django-q2 re-delivers a task that is not acknowledged within `retry` seconds.
If a task may run for `timeout` seconds and `retry` is not longer, a slow task
is handed to a second worker while the first still runs. django-q2 only warns;
Lianbing makes it an error, so runserver, qcluster and migrate stop.
"""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_retry_longer_than_timeout(app_configs, **kwargs):
    conf = getattr(settings, "Q_CLUSTER", {})
    timeout, retry = conf.get("timeout"), conf.get("retry")
    if not timeout:
        return [
            checks.Error(
                "Q_CLUSTER['timeout'] is not set: a stuck task would block a worker forever.",
                hint="Set a timeout in seconds, and a retry longer than it.",
                id="background.E001",
            )
        ]
    if not retry or retry <= timeout:
        return [
            checks.Error(
                f"Q_CLUSTER['retry'] ({retry}) must be longer than Q_CLUSTER['timeout'] "
                f"({timeout}), or a slow task is delivered twice.",
                hint="Raise Q_RETRY above Q_TIMEOUT.",
                id="background.E002",
            )
        ]
    return []
