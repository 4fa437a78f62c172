"""Pairs with agreed topics and mastery snapshots, written straight to the models."""

from datetime import date, timedelta

from django.utils import timezone

from mentorship.models import Agreement, Goal, Pair, PairStatus
from people.roles import Role
from quizzes.models import MasterySnapshot
from tests.factories import PersonFactory, TopicFactory


def person_make(unit, *, grade="junior", hired=date(2024, 1, 1), roles=(Role.TRAINEE,), **kw):
    return PersonFactory(unit=unit, grade=grade, hire_date=hired, user__roles=list(roles), **kw)


def snap(person, topic, day: date, mastery: float):
    MasterySnapshot.objects.create(person=person, topic=topic, date=day, mastery=mastery)


def snaps(person, day: date, values: dict):
    """Snapshots of one day: {topic: mastery}."""
    for topic, mastery in values.items():
        snap(person, topic, day, mastery)


def pair_make(mentor, mentee, *, started, ended=None, topics=(), status=None):
    status = status or (PairStatus.COMPLETED if ended else PairStatus.ACTIVE)
    pair = Pair.objects.create(
        mentor=mentor, mentee=mentee, status=status, started_on=started, ended_on=ended
    )
    agreement = Agreement.objects.create(pair=pair)
    for topic in topics:
        Goal.objects.create(agreement=agreement, topic=topic, due_on=ended or started)
    return pair


def pairs_make(unit, count, *, prefix="徒弟"):
    """`count` active pairs in `unit`, each with two agreed topics, snapshots at the
    start and last night, and three comparable colleagues shared by all."""
    today = timezone.localdate()
    start = today - timedelta(days=60)
    topics = [TopicFactory(), TopicFactory()]
    for n in range(3):
        colleague = person_make(unit, name=f"同事{n}")
        snaps(colleague, start, {t: 0.3 for t in topics})
        snaps(colleague, today - timedelta(days=1), {t: 0.4 for t in topics})
    pairs = []
    for n in range(count):
        mentor = person_make(unit, grade="senior", name=f"導師{prefix}{n}")
        pair = pair_make(
            mentor, person_make(unit, name=f"{prefix}{n}"), started=start, topics=topics
        )
        snaps(pair.mentee, start, {t: 0.3 for t in topics})
        snaps(pair.mentee, today - timedelta(days=1), {t: 0.7 for t in topics})
        pairs.append(pair)
    return pairs
