from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BehaviourObservation(models.Model):
    """The post-training follow-up's second level: has the way this person works
    changed? Recorded by someone who may see them (their manager, or their
    mentor while a pair is active), with an example, optionally about a course."""

    # No index of its own: courses_observation_person leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("observed by"),
    )
    observed_on = models.DateField(_("observed on"))
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    changed = models.BooleanField(_("the way of working has changed"))
    example = models.TextField(_("example (Markdown)"))
    task = models.OneToOneField(
        "courses.FollowUpTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observation",
        help_text=_("The follow-up checkpoint this observation answers, once per checkpoint."),
    )
    checklist = models.JSONField(
        _("checklist"),
        default=list,
        blank=True,
        help_text=_('The course\'s checklist as answered: [{"item": text, "changed": bool}].'),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("behaviour observation")
        verbose_name_plural = _("behaviour observations")
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-observed_on"], name="courses_observation_person")
        ]

    def __str__(self):
        return f"{self.person_id} {self.observed_on}"


class FollowUpKind(models.TextChoices):
    REACTION = "reaction", _("Reaction survey")
    RETENTION = "retention", _("Retention drill")
    BEHAVIOUR = "behaviour", _("Behaviour observation")


class FollowUpTask(models.Model):
    """One task of the follow-up after a person completed a course: the trainee's
    reaction survey (at completion) and, at each checkpoint (+30 and +90 days by
    default, set per course), the trainee's retention drill and the observation
    by their manager or mentor. Overdue tasks are nudged, then escalated."""

    # No index of its own: courses_followup_task_unique leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,
    )
    # No index of its own: courses_followup_cohort leads with it.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
        db_index=False,
    )
    completed_on = models.DateField(
        _("course completed on"), help_text=_("The cohort is the month of this day.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FollowUpKind.choices)
    checkpoint_days = models.PositiveSmallIntegerField(
        _("checkpoint (days after completion)"), default=0
    )
    due_on = models.DateField(_("due on"))
    # No index of its own: courses_followup_owner leads with it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
        db_index=False,
    )
    assignment = models.ForeignKey(
        "courses.PlanAssignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The retention drill assigned for this checkpoint."),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "kind", "checkpoint_days"],
                name="courses_followup_task_unique",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"], name="courses_followup_owner"),
            models.Index(fields=["person", "done_at"], name="courses_followup_person"),
            models.Index(fields=["course", "completed_on"], name="courses_followup_cohort"),
        ]

    def __str__(self):
        return f"{self.person_id} · {self.course_id} {self.kind} +{self.checkpoint_days}"


class ReactionResponse(models.Model):
    """The trainee's reaction to a course: a rating and a comment, answered once."""

    # No index of its own: courses_reaction_unique leads with it.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
        db_index=False,
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("reaction survey answer")
        verbose_name_plural = _("reaction survey answers")
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="courses_reaction_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="courses_reaction_rating"
            ),
        ]

    def __str__(self):
        return f"{self.person_id} · {self.course_id}: {self.rating}"


class LearningPoint(models.IntegerChoices):
    BEFORE = -1, _("Before the course")
    COMPLETION = 0, _("At completion")


class LearningMeasure(models.Model):
    """Mean mastery of the course's topics for one person at one point of the
    follow-up: before the course (-1), at completion (0), or a checkpoint (days
    after completion), taken from the drills, with the retention drill's score
    at a checkpoint. Kept so that the effectiveness page reads these rows, not
    the answers."""

    # No index of its own: courses_learning_measure_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # No index of its own: courses_learning_cohort leads with it.
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    completed_on = models.DateField()
    point = models.SmallIntegerField(help_text=_("-1 before, 0 at completion, else days after."))
    measured_on = models.DateField()
    mastery = models.FloatField(null=True, blank=True, help_text=_("0 to 1; empty: no evidence."))
    topics = models.PositiveSmallIntegerField(default=0, help_text=_("Topics with evidence."))
    retention_score = models.FloatField(null=True, blank=True, help_text=_("0 to 1."))

    class Meta:
        verbose_name = _("learning measure")
        verbose_name_plural = _("learning measures")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "point"], name="courses_learning_measure_unique"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_on"], name="courses_learning_cohort")]

    def __str__(self):
        return f"{self.person_id} · {self.course_id} @{self.point}: {self.mastery}"
