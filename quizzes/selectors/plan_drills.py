"""Reads about drills for courses' training plans: the drills a manager may
assign, and how far people have got with one (started, finished)."""

from datetime import datetime

from django.db.models import Min, Q, QuerySet

from ..models import Attempt, Drill


def drills_open() -> QuerySet[Drill]:
    """Open drills, by title: those a training plan may assign."""
    return Drill.objects.filter(is_active=True).order_by("title", "pk")


def drill_progress_of(
    *, drill_id: int, person_ids, since: datetime
) -> dict[int, tuple[datetime | None, datetime | None]]:
    """{person id: (first start, first finish that counts)} of attempts at the
    drill started at or after `since`, in one query. A finish counts when the
    attempt is not failed: passed, or the drill has no pass mark (passed None)."""
    rows = (
        Attempt.objects.filter(drill_id=drill_id, person_id__in=list(person_ids))
        .filter(started_at__gte=since)
        .values("person_id")
        .annotate(
            first_start=Min("started_at"),
            first_done=Min(
                "finished_at",
                filter=Q(finished_at__isnull=False) & ~Q(passed=False),
            ),
        )
    )
    return {row["person_id"]: (row["first_start"], row["first_done"]) for row in rows}
