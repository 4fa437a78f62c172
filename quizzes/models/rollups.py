"""Daily figures computed in the background, so that no dashboard or report
reads answer rows while a person waits.

- per person and topic: `MasterySnapshot` (mastery on a day) and
  `PersonTopicDay` (answers given that day);
- per unit and topic: `UnitTopicDay`, the sums over the unit's own members
  (not the units below it), so that any subtree is the sum of its units' rows.

`RollupRun` records each run: what it covered, up to which answer, and when,
which is what the dashboards show as "figures computed at".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonTopicDay(models.Model):
    # No index of its own: quizzes_person_topic_day_unique leads with it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    topic = models.ForeignKey("quizzes.Topic", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    answers = models.PositiveIntegerField(default=0)
    score_sum = models.FloatField(
        default=0.0, help_text=_("Sum of the answers' scores, 0 to 1 each.")
    )

    class Meta:
        verbose_name = _("daily answers of a person in a topic")
        verbose_name_plural = _("daily answers of people in topics")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "topic", "date"], name="quizzes_person_topic_day_unique"
            )
        ]
        indexes = [models.Index(fields=["date"], name="quizzes_person_topic_day_date")]

    def __str__(self):
        return f"{self.person_id}/{self.topic_id} {self.date}: {self.answers}"


class UnitTopicDay(models.Model):
    # No index of its own: quizzes_unit_topic_day_unique leads with it.
    unit = models.ForeignKey(
        "people.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    topic = models.ForeignKey("quizzes.Topic", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    people = models.PositiveIntegerField(default=0, help_text=_("Members with a mastery figure."))
    mastery_sum = models.FloatField(default=0.0)
    answers = models.PositiveIntegerField(default=0)
    score_sum = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("daily figures of a unit in a topic")
        verbose_name_plural = _("daily figures of units in topics")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "date"], name="quizzes_unit_topic_day_unique"
            )
        ]
        indexes = [
            models.Index(fields=["date", "unit"], name="quizzes_unit_topic_day_date"),
            # A subtree's twelve-month trend (the manager dashboard): each unit's
            # year of rows in one index range, the sums read from the index.
            models.Index(
                fields=["unit", "date"],
                include=["people", "mastery_sum", "answers", "score_sum"],
                name="quizzes_unit_day_sums",
            ),
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.topic_id} {self.date}"


class RollupRun(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("Whole organisation")
        INCREMENTAL = "incremental", _("What changed since the last run")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    day = models.DateField(help_text=_("The day whose figures were computed."))
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    answers_until = models.DateTimeField(
        null=True, blank=True, help_text=_("Answers up to this moment are counted.")
    )
    people = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("rollup run")
        verbose_name_plural = _("rollup runs")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["status", "-finished_at"], name="quizzes_rollup_done")]
        constraints = [
            # One run at a time: a second one cannot even be recorded while one runs.
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="running"),
                name="quizzes_rollup_one_running",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.day} {self.status}"
