"""Answers at chosen moments, and the direct computations the rollups must match."""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from quizzes.models import AttemptItem, MasterySnapshot, PersonTopicDay, UnitTopicDay
from quizzes.presentation import item_seed, solution
from quizzes.services import answer_save, attempt_finish, attempt_start
from tests.factories import TopicFactory, drill_make, question_make


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of a day in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute))).astimezone(UTC)


def earlier_today(minutes: int) -> datetime:
    """`minutes` ago, or the first moment of the site's day if that is later:
    always today, which a full run counts, whatever the time of day (a test
    run just after midnight would otherwise answer yesterday)."""
    return max(timezone.now() - timedelta(minutes=minutes), local(timezone.localdate(), 0))


def make_drill():
    rates, products = TopicFactory(name="利率"), TopicFactory(name="產品")
    drill = drill_make(
        [
            question_make(topic=rates, stem="利率一"),
            question_make(topic=rates, stem="利率二"),
            question_make(topic=products, stem="產品一"),
        ]
    )
    return rates, products, drill


def take(drill, person, *, right=frozenset({0}), now=None):
    """One attempt at the drill, answering right at the positions in `right`."""
    attempt = attempt_start(drill=drill, person=person, now=now)
    for item in attempt.items.select_related("version"):
        correct = solution(
            qtype="single",
            stem="",
            payload=item.version.payload,
            general_feedback="",
            seed=item_seed(attempt.seed, item.position),
            shuffle=drill.shuffle_choices,
        )["correct"][0]
        choice = correct if item.position in right else (correct + 1) % 3
        answer_save(
            attempt_id=attempt.pk,
            position=item.position,
            user=person.user,
            response={"choice": choice},
            now=now,
        )
    attempt_finish(attempt_id=attempt.pk, person=person, now=now)
    return attempt


def answers_of_day(day: date, *, until: datetime | None = None) -> dict:
    """{(person, topic): (answers, score sum)} counted from the answer rows."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day, time.max))
    if until is not None:
        end = min(end, until)
    counts: dict = defaultdict(lambda: [0, 0.0])
    items = AttemptItem.objects.filter(answered_at__gte=start, answered_at__lte=end)
    if until is not None:
        items = items.filter(answered_at__lt=until)
    for person_id, topic_id, score in items.values_list(
        "attempt__person_id", "question__topic_id", "score"
    ):
        counts[(person_id, topic_id)][0] += 1
        counts[(person_id, topic_id)][1] += score or 0.0
    return {key: tuple(value) for key, value in counts.items()}


def person_days(day: date) -> dict:
    return {
        (r.person_id, r.topic_id): (r.answers, r.score_sum)
        for r in PersonTopicDay.objects.filter(date=day)
    }


def snapshots(day: date) -> dict:
    return {
        (s.person_id, s.topic_id): (s.mastery, s.recall, s.accuracy, s.answers)
        for s in MasterySnapshot.objects.filter(date=day)
    }


def unit_days(day: date) -> dict:
    return {
        (u.unit_id, u.topic_id): (u.people, u.mastery_sum, u.answers, u.score_sum)
        for u in UnitTopicDay.objects.filter(date=day)
    }


def unit_days_summed(day: date, unit_of: dict[int, int]) -> dict:
    """UnitTopicDay computed by hand from the day's snapshots and person rows."""
    sums: dict = defaultdict(lambda: [0, 0.0, 0, 0.0])
    for (person_id, topic_id), (mastery, *_rest) in snapshots(day).items():
        row = sums[(unit_of[person_id], topic_id)]
        row[0] += 1
        row[1] += mastery
    for (person_id, topic_id), (answers, score) in person_days(day).items():
        row = sums[(unit_of[person_id], topic_id)]
        row[2] += answers
        row[3] += score
    return {key: tuple(value) for key, value in sums.items()}


def assert_close(got: dict, expected: dict, *, tolerance: float = 1e-6) -> None:
    assert set(got) == set(expected)
    for key, values in expected.items():
        for mine, theirs in zip(got[key], values, strict=True):
            if theirs is None or mine is None:
                assert mine == theirs, key
            else:
                assert abs(mine - theirs) <= tolerance, (key, got[key], values)
