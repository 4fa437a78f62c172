"""Reads about exam drills for courses' certification: the finished attempts
of some people at some drills, with their scores and when they finished."""

from collections import defaultdict
from datetime import datetime

from ..models import Attempt


def exam_attempts_of(
    *, drill_ids, person_ids
) -> dict[tuple[int, int], list[tuple[float, datetime]]]:
    """{(person id, drill id): [(score 0..1, finished at), ...]} of every finished,
    scored attempt, oldest first, in one query."""
    rows = (
        Attempt.objects.filter(
            drill_id__in=list(drill_ids),
            person_id__in=list(person_ids),
            finished_at__isnull=False,
            score__isnull=False,
        )
        .order_by("finished_at", "pk")
        .values_list("person_id", "drill_id", "score", "finished_at")
    )
    found: dict[tuple[int, int], list[tuple[float, datetime]]] = defaultdict(list)
    for person_id, drill_id, score, finished_at in rows:
        found[(person_id, drill_id)].append((score, finished_at))
    return dict(found)
