from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    """A person on a course: enrolled by themself or by their manager."""

    # No index of its own: courses_enrollment_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrollments"
    )
    enrolled_at = models.DateTimeField(_("enrolled at"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the person left off."),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # A course assigned again (a yearly occurrence, a new plan) to someone who
    # completed it before the assignment's start is taken again: lessons and the
    # final drill count from `retake_since`; `completed_at` stays the first
    # completion (the follow-up's cohort) and `retaken_at` is the latest retake.
    retake_since = models.DateTimeField(_("taken again since"), null=True, blank=True)
    retaken_at = models.DateTimeField(_("last taken again at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="courses_enrollment_unique")
        ]

    def __str__(self):
        return f"{self.person_id} · {self.course_id}"


class LessonCompletion(models.Model):
    # No index of its own: courses_completion_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "page"], name="courses_completion_unique")
        ]

    def __str__(self):
        return f"{self.person_id} · {self.page_id}"


class DecisionChoice(models.Model):
    """What a learner chose at a decision point, and why, before seeing the answer."""

    # No index of its own: courses_choice_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    decision_point = models.ForeignKey(
        "courses.DecisionPoint", on_delete=models.CASCADE, related_name="choices"
    )
    option = models.PositiveSmallIntegerField()
    reasoning = models.TextField()
    chosen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "decision_point"], name="courses_choice_unique"
            )
        ]

    def __str__(self):
        return f"{self.person_id} · {self.decision_point_id}: {self.option}"
