"""Training plans (培訓計劃): what a manager assigns to whom, by when.

An assignment names one course or one drill and one target: a person, or a
unit with everything below it in the tree. Each person it reaches has a row of
their own (`PlanAssignee`), so that a newcomer who joins the unit later is
added, a person's progress is one indexed row, and dashboards count rows
instead of recomputing who was meant.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    YEARLY = "yearly", _("Every year")


class AssignmentOrigin(models.TextChoices):
    PLAN = "plan", _("Training plan")
    RETENTION = "retention", _("Retention drill of a follow-up")
    REFRESHER = "refresher", _("Refresher drill")


class PlanAssignment(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    drill = models.ForeignKey(
        "quizzes.Drill",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("drill"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    # No index of its own: courses_assignment_unit leads with it.
    unit = models.ForeignKey(
        "people.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Everyone in the unit and the units below it, newcomers included."),
        db_index=False,
    )
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next",
        help_text=_("The occurrence this one renews, for a recurring assignment."),
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=AssignmentOrigin.choices, default=AssignmentOrigin.PLAN
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training assignment")
        verbose_name_plural = _("training assignments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=False, drill__isnull=True)
                | Q(course__isnull=True, drill__isnull=False),
                name="courses_assignment_one_item",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="courses_assignment_one_target",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")),
                name="courses_assignment_due_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "withdrawn_at"], name="courses_assignment_unit"),
            models.Index(fields=["due_on"], name="courses_assignment_due"),
        ]

    def __str__(self):
        return f"{self.course_id or self.drill_id} → {self.person_id or self.unit_id} {self.due_on}"


class PlanAssignee(models.Model):
    """One person's part of an assignment."""

    # No index of its own: courses_assignee_unique leads with it.
    assignment = models.ForeignKey(
        PlanAssignment,
        on_delete=models.CASCADE,
        related_name="assignees",
        db_index=False,
    )
    # No index of its own: courses_assignee_person leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,
    )
    added_at = models.DateTimeField(_("added at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assigned person")
        verbose_name_plural = _("assigned people")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "person"], name="courses_assignee_unique")
        ]
        indexes = [models.Index(fields=["person", "completed_at"], name="courses_assignee_person")]

    def __str__(self):
        return f"{self.assignment_id} · {self.person_id}"
