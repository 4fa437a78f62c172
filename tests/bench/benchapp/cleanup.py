"""What bench_setup clears before a run."""

from quizzes.models import Attempt

ATTEMPTS_DELETED_AT_ONCE = 2000


def attempts_delete(attempts) -> None:
    """Delete `attempts` (and their items) a few thousand at a time: after a
    capacity run (11,504 trainees, ten items each) one delete named more
    items than PostgreSQL takes parameters in a statement (65,535)."""
    while True:
        ids = list(attempts.order_by("pk").values_list("pk", flat=True)[:ATTEMPTS_DELETED_AT_ONCE])
        if not ids:
            return
        Attempt.objects.filter(pk__in=ids).delete()
