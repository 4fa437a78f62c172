from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validation import refuse_bidi_controls


class QuestionSelection(models.TextChoices):
    FIXED = "fixed", _("A fixed list")
    RANDOM = "random", _("N at random from categories or topics")
    DUE = "due", _("Due first, from the person's review queue")


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", _("After each answer")
    AFTER = "after", _("After finishing")


class Drill(models.Model):
    """A short recall drill, authored by trainers."""

    title = models.CharField(_("title"), max_length=200, validators=[refuse_bidi_controls])
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."), validators=[refuse_bidi_controls]
    )
    selection = models.CharField(
        _("questions"),
        max_length=10,
        choices=QuestionSelection.choices,
        default=QuestionSelection.FIXED,
    )
    question_count = models.PositiveSmallIntegerField(
        _("number of questions"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("For random and due-first drills."),
    )
    categories = models.ManyToManyField(
        "quizzes.Category",
        blank=True,
        related_name="+",
        verbose_name=_("from categories"),
        help_text=_(
            "Random and due-first drills take questions from these categories and their sub-categories."
        ),
    )
    topics = models.ManyToManyField(
        "quizzes.Topic",
        blank=True,
        related_name="drills",
        verbose_name=_("from topics"),
    )
    time_per_question = models.PositiveIntegerField(
        _("seconds per question"),
        null=True,
        blank=True,
    )
    time_limit = models.PositiveIntegerField(
        _("time limit in seconds"),
        null=True,
        blank=True,
        help_text=_("For the whole drill."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty for no limit; otherwise at least one."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    feedback = models.CharField(
        _("feedback"),
        max_length=10,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.IMMEDIATE,
    )
    desired_retention = models.FloatField(
        _("desired retention"),
        default=0.9,
        validators=[MinValueValidator(0.7), MaxValueValidator(0.99)],
        help_text=_("How likely a person should be to remember a question when it comes due."),
    )
    audience = models.ManyToManyField(
        "people.OrgUnit",
        blank=True,
        related_name="+",
        verbose_name=_("who may take it"),
        help_text=_("Units whose members (with their sub-units) may take it. Empty for everyone."),
    )
    is_active = models.BooleanField(_("open"), default=True)
    listed = models.BooleanField(
        _("in the drill list"),
        db_default=True,  # rows written in bulk by SQL (the bench's generator) are listed
        help_text=_(
            "Drills made for training plans (a follow-up's retention drill, a refresher) are "
            "taken from the plan: they are not listed to everyone."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ["title"]
        constraints = [
            # Zero allowed attempts would be a drill nobody can take.
            models.CheckConstraint(
                condition=models.Q(attempts_allowed__isnull=True)
                | models.Q(attempts_allowed__gte=1),
                name="quizzes_drill_attempts_allowed_min_1",
            )
        ]

    def __str__(self):
        return self.title


class DrillQuestion(models.Model):
    # No index of its own: quizzes_drill_question_unique leads with it.
    drill = models.ForeignKey(
        Drill, on_delete=models.CASCADE, related_name="drill_questions", db_index=False
    )
    question = models.ForeignKey("quizzes.Question", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["drill", "question"], name="quizzes_drill_question_unique"
            )
        ]

    def __str__(self):
        return f"{self.drill_id}#{self.position}"
