"""The planner's statistics of what bench_setup wrote."""

from django.db import connection


def statistics_refresh() -> None:
    """ANALYZE on PostgreSQL: the rows just written (thousands of trainees and
    sessions, a team emptied and filled) would otherwise be planned with the
    statistics of the database before, until autovacuum came by: a fresh
    bench database planned the cases' writers count as a scan of every
    group member. Sampled, so it takes a moment even at the 100,000 people of
    bench_orgscale."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
