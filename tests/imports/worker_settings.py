"""Settings of a real django-q2 cluster started by tests/imports/test_killed_worker.py:
the test settings with the Redis broker instead of running tasks inline, the
test importers registered, and the test's database (LIANBING_TEST_DB_NAME)."""

import os

from hostsite.settings.test import *  # noqa: F403
from hostsite.settings.test import DATABASES, INSTALLED_APPS, Q_CLUSTER

INSTALLED_APPS = [*INSTALLED_APPS, "tests.imports.workerapp"]
Q_CLUSTER = {**Q_CLUSTER, "sync": False, "workers": 1}
DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["LIANBING_TEST_DB_NAME"]}}
