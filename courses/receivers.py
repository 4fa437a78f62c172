"""Listeners for other apps' signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from people.models import Person
from quizzes.signals import ATTEMPT, TOPIC, attempt_finished

from .models import CoursePage
from .page_tree_cache import page_tree_changed
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


@receiver(post_save, sender=TOPIC, dispatch_uid="courses.topic_saved")
@receiver(post_delete, sender=TOPIC, dispatch_uid="courses.topic_deleted")
def topic_changed(sender, **kwargs):
    """The catalogues kept for the page tree's generation list topics by name."""
    page_tree_changed()
