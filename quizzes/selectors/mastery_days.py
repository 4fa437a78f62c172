"""Mastery on chosen days for chosen people, reading only the nightly
snapshots near those days: a report that compares thousands of people at a
handful of dates must not read a year of daily snapshots for each of them
(`mastery_series` does, for callers that need the whole history)."""

from collections import defaultdict
from datetime import date, timedelta
from functools import reduce
from operator import or_

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
    condition = reduce(
        or_,
        (
            Q(person_id__in=sorted(people), date__range=(day - timedelta(days=lookback), day))
            for day, people in needs.items()
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
    for person_id, topic_id, day, mastery in rows.iterator(chunk_size=5000):
        for step in steps:
            people = needs.get(day + step)
            if people is not None and person_id in people:
                found[day + step][person_id][topic_id] = mastery
    return {day: dict(people) for day, people in found.items()}
