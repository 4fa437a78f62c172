"""Listeners of the follow-up after training: a completed course schedules its
follow-up; a finished retention drill closes its checkpoint."""

from django.dispatch import receiver

from people.models import Person
from quizzes.signals import ATTEMPT, attempt_finished

from .models import CoursePage
from .services.followup import followup_schedule, retention_attempt_record
from .signals import course_completed


@receiver(course_completed, sender=CoursePage, dispatch_uid="courses.followup_schedule")
def schedule_followup(sender, *, person_id, course_id, **kwargs):
    person = Person.objects.filter(pk=person_id).select_related("unit", "user").first()
    course = CoursePage.objects.filter(pk=course_id).first()
    if person is not None and course is not None:
        followup_schedule(person=person, course=course)


@receiver(attempt_finished, sender=ATTEMPT, dispatch_uid="courses.followup_retention")
def record_retention_drill(sender, *, person_id, drill_id, score, **kwargs):
    retention_attempt_record(person_id=person_id, drill_id=drill_id, score=score)
