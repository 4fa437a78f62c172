from django.db import models
from django.utils.translation import gettext_lazy as _


class MorningSession(models.Model):
    """A live oral drill at the morning meeting (晨會), led by the team head."""

    unit = models.ForeignKey(
        "people.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    led_by = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("led by")
    )
    drill = models.ForeignKey(
        "quizzes.Drill",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("questions from"),
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # People skipped as absent: not asked again in this meeting (nothing is recorded for them).
    absent_ids = models.JSONField(_("absent"), default=list, blank=True)
    # The turn whose mark can still be undone (the last one marked), until it is undone.
    last_marked = models.ForeignKey(
        "quizzes.MorningTurn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("morning drill")
        verbose_name_plural = _("morning drills")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.unit} {self.started_at:%Y-%m-%d}"


class MorningTurn(models.Model):
    class Result(models.TextChoices):
        CORRECT = "correct", _("Correct")
        PARTLY = "partly", _("Partly")
        WRONG = "wrong", _("Wrong")

    session = models.ForeignKey(MorningSession, on_delete=models.CASCADE, related_name="turns")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    item = models.OneToOneField("quizzes.AttemptItem", on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField()
    result = models.CharField(max_length=10, choices=Result.choices, blank=True)
    # The person's memory state of the question before this turn's mark, so that undoing the
    # mark restores it exactly; null when there was none (undo removes the one the mark made).
    memory_before = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["session", "asked_at"]

    def __str__(self):
        return f"{self.session_id}: {self.person_id} {self.result}"
