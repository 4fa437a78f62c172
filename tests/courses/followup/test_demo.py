"""The demo's follow-up after training: every stage is there on first start,
and the demo course's topic decays after the course."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.models import (
    BehaviourObservation,
    CoursePage,
    FollowUpTask,
    LearningMeasure,
    ReactionResponse,
)

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_followup_story():
    call_command("load_demo_data", stdout=io.StringIO())
    course = CoursePage.objects.get(slug="deposit-products")
    tasks = FollowUpTask.objects.filter(course=course)
    assert ReactionResponse.objects.filter(course=course).count() == 2
    retention = tasks.get(person__employee_id="D0015", kind="retention", checkpoint_days=30)
    assert retention.done_at is not None and retention.assignment is not None
    observation = BehaviourObservation.objects.get(task__course=course)
    assert observation.changed and len(observation.checklist) == 3
    today = timezone.localdate()
    overdue = tasks.filter(done_at=None, due_on__lt=today)
    assert overdue.exists() and all(task.nudged_at for task in overdue)
    points = dict(
        LearningMeasure.objects.filter(course=course, person__employee_id="D0015").values_list(
            "point", "mastery"
        )
    )
    assert points[-1] < points[0]
    assert points[90] < points[30] < points[0]
    assert LearningMeasure.objects.get(
        course=course, person__employee_id="D0015", point=30
    ).retention_score == pytest.approx(0.7)
    # Loading again changes nothing.
    counts = (tasks.count(), LearningMeasure.objects.count(), BehaviourObservation.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert counts == (
        tasks.count(),
        LearningMeasure.objects.count(),
        BehaviourObservation.objects.count(),
    )
