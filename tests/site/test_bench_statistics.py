"""bench_setup leaves the planner statistics of what it wrote."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bench.benchapp.statistics import statistics_refresh


@pytest.mark.django_db
def test_bench_setup_refreshes_the_statistics_on_postgresql():
    """What bench_setup wrote is planned with statistics of it (ANALYZE)."""
    with CaptureQueriesContext(connection) as queries:
        statistics_refresh()
    analyzed = [q for q in queries.captured_queries if q["sql"] == "ANALYZE"]
    assert len(analyzed) == (1 if connection.vendor == "postgresql" else 0)
