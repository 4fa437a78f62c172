"""Listeners for other apps' signals."""

from django.dispatch import receiver

from people.models import Person
from quizzes.signals import ATTEMPT, attempt_finished

from .models import CoursePage
from .services import course_completion_check


@receiver(attempt_finished, sender=ATTEMPT, dispatch_uid="courses.final_drill_passed")
def complete_courses_on_final_drill(sender, *, person_id, drill_id, passed, **kwargs):
    """Passing a course's final drill may complete the course."""
    if not passed or drill_id is None:
        return
    courses = CoursePage.objects.filter(
        final_drill_id=drill_id,
        enrollments__person_id=person_id,
        enrollments__completed_at__isnull=True,
    )
    person = Person.objects.filter(pk=person_id).first()
    for course in courses:
        course_completion_check(person=person, course=course)
