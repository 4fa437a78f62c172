"""Certification follows what people do: completing a course or finishing an
exam drill checks, in the background, whether the person now qualifies for a
certificate of a programme they are in. Connected by courses.apps."""

from django.dispatch import receiver

from quizzes.signals import ATTEMPT, attempt_finished

from .models import CoursePage, ProgrammeEnrolment
from .selectors.attempt_checks import exam_of_own_programme
from .services.certification import certification_check_queue
from .signals import course_completed


def _in_a_programme(person_id: int) -> bool:
    return ProgrammeEnrolment.objects.filter(person_id=person_id).exists()


@receiver(course_completed, sender=CoursePage, dispatch_uid="courses.certification.course")
def certification_on_course_completed(sender, *, person_id, course_id, **kwargs):
    if _in_a_programme(person_id):
        certification_check_queue(person_id=person_id)


@receiver(attempt_finished, sender=ATTEMPT, dispatch_uid="courses.certification.exam")
def certification_on_exam_finished(sender, *, person_id, drill_id, **kwargs):
    """Only an attempt at some programme's exam drill, by someone enrolled in it."""
    if drill_id is None:
        return
    if exam_of_own_programme(
        person_id=person_id, drill_id=drill_id
    ):  # written out: every finish asks
        certification_check_queue(person_id=person_id)
