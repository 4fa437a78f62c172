from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..question_types import QuestionType


class Question(models.Model):
    """A question of the bank. Its content lives in versions: editing a
    question that somebody has answered adds a version, so every past attempt
    keeps showing the version it answered."""

    category = models.ForeignKey(
        "quizzes.Category",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("category"),
    )
    topic = models.ForeignKey(
        "quizzes.Topic",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("topic"),
    )
    qtype = models.CharField(
        pgettext_lazy("question", "type"), max_length=20, choices=QuestionType.choices
    )
    name = models.CharField(_("name"), max_length=255)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (easy) to 5 (hard)."),
    )
    current_version = models.ForeignKey(
        "quizzes.QuestionVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current version"),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Retired questions are no longer asked; their history stays."),
    )
    # Territory questions (一口清 on one's own territory) belong to the people
    # whose facts they ask about; nobody else is asked them or may see them.
    owner_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("for person"),
    )
    owner_unit = models.ForeignKey(
        "people.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("for team"),
    )
    fact_key = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__path", "name"]
        indexes = [models.Index(fields=["fact_key"], name="quizzes_question_fact_key")]

    def __str__(self):
        return self.name


class QuestionVersion(models.Model):
    # No index of its own: quizzes_version_unique leads with it.
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("question"),
        db_index=False,
    )
    number = models.PositiveIntegerField(_("version"))
    stem = models.TextField(_("question text"), help_text=_("Markdown."))
    general_feedback = models.TextField(_("general feedback"), blank=True)
    payload = models.JSONField(_("answers"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="quizzes_version_unique")
        ]

    def __str__(self):
        return f"{self.question.name} v{self.number}"
