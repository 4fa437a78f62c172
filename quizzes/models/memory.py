from django.db import models
from django.utils.translation import gettext_lazy as _


class MemoryState(models.Model):
    """FSRS memory state of one person for one question."""

    # quizzes_memory_unique leads with the person: no index of its own.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    question = models.ForeignKey("quizzes.Question", on_delete=models.CASCADE, related_name="+")
    state = models.PositiveSmallIntegerField(default=1)  # fsrs.State: learning, review, relearning
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    desired_retention = models.FloatField(default=0.9)

    class Meta:
        verbose_name = _("memory state")
        verbose_name_plural = _("memory states")
        constraints = [
            models.UniqueConstraint(fields=["person", "question"], name="quizzes_memory_unique")
        ]
        # The due queue is one query on the first index; with the question in
        # it the dashboard counts a team's reviews due without reading the rows.
        # The second counts the reviews a person did today (against the daily
        # cap) from today's entries alone, not from all of the person's states.
        indexes = [
            models.Index(fields=["person", "due"], include=["question"], name="quizzes_memory_due"),
            models.Index(fields=["person", "last_review"], name="quizzes_memory_reviewed"),
        ]

    def __str__(self):
        return f"{self.person_id}/{self.question_id} due {self.due:%Y-%m-%d}"


class MasterySnapshot(models.Model):
    """Mastery of one person in one topic on one day, kept so that any two
    dates can be compared (the post-training follow-up compares before and after)."""

    # No index of its own: quizzes_mastery_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    topic = models.ForeignKey("quizzes.Topic", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    mastery = models.FloatField(help_text=_("0 to 1."))
    recall = models.FloatField(null=True, blank=True, help_text=_("Mean predicted recall, 0 to 1."))
    accuracy = models.FloatField(null=True, blank=True, help_text=_("Recent accuracy, 0 to 1."))
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mastery snapshot")
        verbose_name_plural = _("mastery snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "topic", "date"], name="quizzes_mastery_unique"
            )
        ]
        indexes = [
            models.Index(fields=["person", "date"], name="quizzes_mastery_person_date"),
            # The nightly rollup rewrites and sums one day for the whole organisation.
            models.Index(fields=["date"], name="quizzes_mastery_date"),
        ]

    def __str__(self):
        return f"{self.person_id}/{self.topic_id} {self.date}: {self.mastery:.2f}"
