"""Pairs with agreed topics and mastery snapshots, written straight to the models."""

from datetime import date

from mentorship.models import Agreement, Goal, Pair, PairStatus
from people.roles import Role
from quizzes.models import MasterySnapshot
from tests.factories import PersonFactory


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
