"""Mastery on chosen days for chosen people, reading only the nightly
snapshots near those days: a report that compares thousands of people at a
handful of dates must not read a year of daily snapshots for each of them
(`mastery_series` does, for callers that need the whole history)."""

from collections import defaultdict
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Q

from ..models import MasterySnapshot


def mastery_on_days(
    needs: dict[date, set[int]], topic_ids, *, lookback: int = 3
) -> dict[date, dict[int, dict[int, float]]]:
    """{day: {person: {topic: mastery}}} for each day and the people needed on
    it: the latest snapshot within `lookback` days up to that day (snapshots
    are nightly, so a gap of a night or two still finds one); nothing when
    there is none that recent. One query for any number of days."""
    needs = {day: set(people) for day, people in needs.items() if people}
    topic_ids = list(topic_ids)
    if not needs or not topic_ids:
        return {}
    # People needed on the same days share one condition: a few dozen terms
    # (the cohorts' comparison groups, the completers of one day) rather than
    # one per day with its list of people, which PostgreSQL plans and
    # JIT-compiles for seconds when thousands of people are compared.
    days_of: dict[int, set[date]] = defaultdict(set)
    for day, people in needs.items():
        for person_id in people:
            days_of[person_id].add(day)
    sharing: dict[frozenset, list[int]] = defaultdict(list)
    for person_id, days in days_of.items():
        sharing[frozenset(days)].append(person_id)
    condition = reduce(
        or_,
        (
            Q(person_id__in=sorted(people), date__in=_windows(days, lookback))
            for days, people in sharing.items()
        ),
    )
    rows = (
        MasterySnapshot.objects.filter(condition, topic_id__in=topic_ids)
        .order_by("date")
        .values_list("person_id", "topic_id", "date", "mastery")
    )
    # Rows come oldest first, so the latest in a day's window is the one kept.
    found: dict[date, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    steps = [timedelta(days=k) for k in range(lookback + 1)]
    for person_id, topic_id, day, mastery in _read(rows):
        for step in steps:
            people = needs.get(day + step)
            if people is not None and person_id in people:
                found[day + step][person_id][topic_id] = mastery
    return {day: dict(people) for day, people in found.items()}


def _windows(days, lookback: int) -> list[date]:
    return sorted({day - timedelta(days=k) for day in days for k in range(lookback + 1)})


def _read(rows) -> list:
    """The rows, on PostgreSQL with JIT off for this query only: compiling its
    long condition took half a second for a read of a few hundred
    milliseconds (the planner's cost grows with the people, not the rows)."""
    if connection.vendor != "postgresql":
        return list(rows)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        return list(rows)
