"""Training plans follow what people do: enrolments, completions and attempts
move an assigned person on; a person created in a unit, or moved into one,
joins its open assignments. Connected by courses.apps (import of this module)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from people.models import Person
from quizzes.signals import ATTEMPT, attempt_finished

from .models import CoursePage, Enrollment, LessonCompletion
from .services.plan_progress import (
    person_assignments_join,
    plan_progress_complete,
    plan_progress_start,
)
from .signals import course_completed, lesson_completed


@receiver(post_save, sender=Enrollment, dispatch_uid="courses.plans.enrolled")
def plan_started_on_enrolment(sender, instance, created, **kwargs):
    if created:
        plan_progress_start(
            person_id=instance.person_id, course_id=instance.course_id, at=instance.enrolled_at
        )


@receiver(lesson_completed, sender=LessonCompletion, dispatch_uid="courses.plans.lesson_done")
def plan_started_on_lesson(sender, *, person_id, course_id, **kwargs):
    """A retake (enrolled long ago) starts with its first lesson."""
    plan_progress_start(person_id=person_id, course_id=course_id, at=timezone.now())


@receiver(course_completed, sender=CoursePage, dispatch_uid="courses.plans.course_completed")
def plan_done_on_course_completion(sender, *, person_id, course_id, **kwargs):
    plan_progress_complete(person_id=person_id, course_id=course_id, at=timezone.now())


@receiver(post_save, sender=ATTEMPT, dispatch_uid="courses.plans.attempt_started")
def plan_started_on_attempt(sender, instance, created, **kwargs):
    if created and instance.drill_id is not None:
        plan_progress_start(
            person_id=instance.person_id, drill_id=instance.drill_id, at=instance.started_at
        )


@receiver(attempt_finished, sender=ATTEMPT, dispatch_uid="courses.plans.attempt_finished")
def plan_done_on_drill_finished(sender, *, person_id, drill_id, passed, **kwargs):
    """A failed attempt (passed False) does not count; no pass mark (None) does."""
    if drill_id is None or passed is False:
        return
    plan_progress_complete(person_id=person_id, drill_id=drill_id, at=timezone.now())


@receiver(post_save, sender=Person, dispatch_uid="courses.plans.newcomer")
def plan_newcomer_joins(sender, instance, raw=False, update_fields=None, **kwargs):
    """A save does not say whether the unit changed, so every save that may have
    changed it checks: one indexed query when there is nothing to add (people has
    no signal of its own)."""
    if raw or (update_fields is not None and "unit" not in update_fields):
        return
    person_assignments_join(person=instance)
