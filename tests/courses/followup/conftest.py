"""A course with topics, checkpoints and a checklist; completions of it; an
active mentoring pair. Reuses the courses' fixtures (catalogue, course)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from courses.services.followup import followup_schedule
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory, category_create, question_make


@pytest.fixture
def topics(db):
    return [TopicFactory(name="存款產品"), TopicFactory(name="授信流程")]


@pytest.fixture
def followup_course(course, topics):
    page = CoursePage.objects.get(pk=course.pk)
    page.followup_days = "30,90"
    page.observation_checklist = "先問需求再推產品\n每次拜訪留下紀錄"
    page.topics.set(topics)
    page.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def questions(topics):
    category = category_create()
    return [
        question_make(topic=topic, category=category, stem=f"問題{n}", name=f"q{n}")
        for n, topic in enumerate(topics * 3)
    ]


def complete(person, course, on: date, *, enrolled_days_before: int = 10):
    """Enrol `person` and complete `course` on `on`, then schedule its follow-up."""
    noon = timezone.make_aware(timezone.datetime.combine(on, timezone.datetime.min.time()))
    noon += timedelta(hours=12)
    Enrollment.objects.update_or_create(
        person=person,
        course=course,
        defaults={
            "enrolled_at": noon - timedelta(days=enrolled_days_before),
            "completed_at": noon,
        },
    )
    return followup_schedule(person=person, course=course, completed_on=on, now=noon)


@pytest.fixture
def mentor_of(org):
    """An active mentoring pair for a mentee: returns (mentor person, pair)."""

    def make(mentee):
        from tests.mentorship.outcome_builders import pair_make

        mentor = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
        pair = pair_make(mentor, mentee, started=timezone.localdate() - timedelta(days=40))
        return mentor, pair

    return make
