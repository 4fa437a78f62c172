from django.db import models
from django.utils.translation import gettext_lazy as _


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    EXPIRED = "expired", _("Closed at the deadline")


class AttemptMode(models.TextChoices):
    SELF = "self", _("On one's own")
    ORAL = "oral", _("Morning meeting")


class Attempt(models.Model):
    """One person's go at a drill. The server's clock decides: the deadline is
    fixed at the start, answers are saved one by one, finishing is idempotent."""

    drill = models.ForeignKey(
        "quizzes.Drill",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("drill"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("person"),
        db_index=False,  # quizzes_attempt_person leads with it
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=AttemptMode.choices, default=AttemptMode.SELF
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True, help_text=_("0 to 1."))
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    seed = models.PositiveIntegerField(default=0, editable=False)
    origin = models.CharField(
        _("started from"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("The page on this site the drill was started from, such as a lesson."),
    )

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["person", "drill", "status"], name="quizzes_attempt_person"),
            models.Index(fields=["status", "deadline"], name="quizzes_attempt_overdue"),
        ]

    def __str__(self):
        return f"{self.person} · {self.drill or _('review')} · {self.started_at:%Y-%m-%d %H:%M}"


class AttemptItem(models.Model):
    # The answer's save writes an item in place of each answer: no index
    # another index leads with (attempt: the position's; question: the
    # question's answers'), each being one more to write.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    version = models.ForeignKey(
        "quizzes.QuestionVersion", on_delete=models.PROTECT, related_name="+"
    )
    shown_at = models.DateTimeField(null=True, blank=True)  # starts a per-question timer
    # A recall card's answer side was shown: only then may the person rate their recall.
    revealed_at = models.DateTimeField(null=True, blank=True)
    response = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quizzes_item_position_unique"
            )
        ]
        indexes = [
            models.Index(fields=["question", "answered_at"], name="quizzes_item_question"),
            # The daily rollups find a day's answers, and those since their last run, by time.
            models.Index(fields=["answered_at"], name="quizzes_item_answered"),
        ]

    def __str__(self):
        return f"{self.attempt_id}#{self.position + 1}"
