"""Yesterday's morning drill, answered: the history a branch's database has
when its trainees meet in the morning.

Without it the morning scenarios started on empty attempt tables, which
bench_setup's ANALYZE recorded as empty. PostgreSQL plans a prepared
statement (rowsql.cursor) once per connection after its fifth run, on the
statistics it has then; with those of an empty table it chose no index for
the answer's look-up but scanned the items through another one, so each
save cost PostgreSQL more the more answers had come in (0.5 ms at the first
hundred journeys, 2 ms at the 800th, measured in process). A database in
use has analysed tables of many attempts, and autovacuum analyses them again
as they grow; the bench machines' PostgreSQL runs without autovacuum.
"""

from datetime import timedelta

from django.utils import timezone

from quizzes.models import Attempt, AttemptItem, AttemptStatus, Drill
from tests.bench.benchapp.drills import fixed_drill_ensure

HISTORY_DRILL_TITLE = "壓測晨會一口清（昨日）"
BATCH = 5_000


def history_drill(questions: list) -> Drill:
    """The drill of yesterday's morning meeting: the same questions, closed."""
    return fixed_drill_ensure(HISTORY_DRILL_TITLE, questions, is_active=False)


def history_write(drill: Drill, questions: list, people: list) -> int:
    """One finished attempt of `drill` per person, a day ago, every question
    answered (two in three right). Returns the number of items written."""
    yesterday = timezone.now() - timedelta(days=1)
    scores = [1.0 if position % 3 else 0.0 for position in range(len(questions))]
    attempts = Attempt.objects.bulk_create(
        (
            Attempt(
                drill=drill,
                person=person,
                status=AttemptStatus.FINISHED,
                started_at=yesterday,
                finished_at=yesterday + timedelta(minutes=3),
                score=sum(scores) / len(scores),
                seed=number,
            )
            for number, person in enumerate(people)
        ),
        batch_size=BATCH,
    )
    written, chunk = 0, max(1, BATCH // len(questions))
    for start in range(0, len(attempts), chunk):
        items = [
            AttemptItem(
                attempt=attempt,
                position=position,
                question=question,
                version_id=question.current_version_id,
                response={"choice": 0},
                score=scores[position],
                answered_at=yesterday + timedelta(seconds=15 * (position + 1)),
            )
            for attempt in attempts[start : start + chunk]
            for position, question in enumerate(questions)
        ]
        AttemptItem.objects.bulk_create(items)
        written += len(items)
    return written
