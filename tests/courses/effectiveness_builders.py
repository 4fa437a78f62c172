"""Hand-made data for the effectiveness tests: completions, follow-up rows,
business figures and mastery snapshots, created directly."""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from courses.models import (
    BehaviourObservation,
    BusinessFigure,
    BusinessMeasure,
    Enrollment,
    FollowUpTask,
    LearningMeasure,
    ReactionResponse,
)
from people.roles import Role
from quizzes.models import MasterySnapshot
from tests.factories import PersonFactory


def at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def person(unit, *, roles=(Role.TRAINEE,), grade="junior", **kwargs):
    return PersonFactory(unit=unit, user__roles=list(roles), grade=grade, **kwargs)


def complete(course, who, day: date):
    return Enrollment.objects.create(
        person=who, course=course, enrolled_at=at_noon(day), completed_at=at_noon(day)
    )


def enrol(course, who, day: date):
    return Enrollment.objects.create(person=who, course=course, enrolled_at=at_noon(day))


def react(course, who, rating: int):
    return ReactionResponse.objects.create(
        person=who, course=course, rating=rating, answered_at=timezone.now()
    )


def learn(course, who, completed_on: date, **points):
    """learn(course, a, day, before=0.4, completion=0.8, d30=0.7)"""
    names = {"before": -1, "completion": 0}
    for name, mastery in points.items():
        point = names[name] if name in names else int(name[1:])
        LearningMeasure.objects.create(
            person=who,
            course=course,
            completed_on=completed_on,
            point=point,
            measured_on=completed_on,
            mastery=mastery,
            topics=1,
        )


def observe(course, who, completed_on: date, checkpoint: int, changed: bool):
    task = FollowUpTask.objects.create(
        person=who,
        course=course,
        completed_on=completed_on,
        kind="behaviour",
        checkpoint_days=checkpoint,
        due_on=completed_on,
        created_at=timezone.now(),
    )
    return BehaviourObservation.objects.create(
        person=who,
        observed_on=completed_on,
        course=course,
        changed=changed,
        example="例",
        task=task,
    )


def measure(code="deposits", **kwargs):
    return BusinessMeasure.objects.get_or_create(
        code=code, defaults={"name": kwargs.pop("name", "存款"), **kwargs}
    )[0]


def figure(who, what, month: date, value):
    return BusinessFigure.objects.create(
        person=who, measure=what, month=month, value=Decimal(str(value)), entered_at=timezone.now()
    )


def snapshot(who, topic, day: date, mastery: float):
    return MasterySnapshot.objects.create(person=who, topic=topic, date=day, mastery=mastery)


def course_with_cohorts(org, *, months: int = 2, per_cohort: int = 3):
    """A published course with two topics and `months` cohorts of completers
    in the 浦東 team, each with every level's rows, and as many comparison
    people; for the pages' sweeps."""
    from datetime import timedelta

    from wagtail.models import Site

    from courses.models import CourseIndexPage, CoursePage
    from tests.factories import TopicFactory

    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses-effect"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="贏得企業客戶", slug="winning-effect", objectives="案例", audience="客戶經理"
        )
    )
    topics = [TopicFactory(name="存款利率"), TopicFactory(name="理財產品")]
    course.topics.set(topics)
    course.save()
    today = timezone.localdate()
    deposits = measure()
    unit = org["pudong_team"]
    for n in range(months):
        done_on = (today.replace(day=1) - timedelta(days=40 + 31 * n)).replace(day=10)
        month = done_on.replace(day=1)
        before = (month - timedelta(days=1)).replace(day=1)
        for k in range(per_cohort):
            for completer in (True, False):
                who = person(unit)
                figure(who, deposits, before, 100 + k)
                figure(who, deposits, month, 120 + 5 * k if completer else 105)
                end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                for topic in topics:
                    snapshot(who, topic, month - timedelta(days=1), 0.4)
                    snapshot(who, topic, done_on, 0.85 if completer else 0.45)
                    snapshot(who, topic, end, 0.8 if completer else 0.45)
                    snapshot(who, topic, done_on + timedelta(days=30), 0.6 + 0.05 * k)
                    snapshot(who, topic, end + timedelta(days=30), 0.65 if completer else 0.5)
                if not completer:
                    continue
                complete(course, who, done_on)
                react(course, who, 3 + k % 3)
                learn(course, who, done_on, before=0.4, completion=0.85, d30=0.7)
                observe(course, who, done_on, 30, k % 2 == 0)
    return course
