"""Daily mastery snapshots."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from ..models import MasterySnapshot, MemoryState
from ..selectors.mastery import mastery_grid
from ..signals import mastery_changed

BATCH = 500


def mastery_snapshot_take(*, day: date | None = None, person_ids: list[int] | None = None) -> int:
    """Write (or rewrite) the snapshot of `day` for everyone with a memory state.
    Idempotent: running it twice on a day leaves one snapshot per person and topic."""
    day = day or timezone.localdate()
    moment = timezone.make_aware(datetime.combine(day, time.max))
    if person_ids is None:
        person_ids = list(MemoryState.objects.values_list("person_id", flat=True).distinct())
    written = 0
    for start in range(0, len(person_ids), BATCH):
        batch = person_ids[start : start + BATCH]
        grid = mastery_grid(batch, now=min(moment, timezone.now()))
        rows = [
            MasterySnapshot(
                person_id=person_id,
                topic_id=topic_id,
                date=day,
                mastery=m.mastery,
                recall=m.recall,
                accuracy=m.accuracy,
                answers=m.answers,
            )
            for person_id, topics in grid.items()
            for topic_id, m in topics.items()
        ]
        with transaction.atomic():
            MasterySnapshot.objects.filter(person_id__in=batch, date=day).delete()
            MasterySnapshot.objects.bulk_create(rows)
        written += len(rows)
        for person_id, topics in grid.items():
            mastery_changed.send(
                sender=MasterySnapshot, person_id=person_id, topic_ids=sorted(topics), date=day
            )
    return written
