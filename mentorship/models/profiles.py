from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated, waiting for an answer")
    ACTIVE = "active", _("Mentoring")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Stepped back")


def default_capacity() -> int:
    from ..conf import mentorship_settings

    return mentorship_settings.DEFAULT_CAPACITY


class MentorProfile(models.Model):
    """A senior colleague's offer to mentor: opted in by themself, or nominated
    by a manager and then accepted or declined. Only ACTIVE profiles are
    suggested. Strengths are claims; their measured mastery comes from the drills."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name=_("mentor"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MentorStatus.choices, default=MentorStatus.ACTIVE
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at once"),
        default=default_capacity,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    strengths = models.ManyToManyField(
        "quizzes.Topic", blank=True, related_name="+", verbose_name=_("topics of strength")
    )
    introduction = models.TextField(_("introduction (Markdown)"), blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["person__employee_id"]

    def __str__(self):
        return str(self.person)


class MenteeNeed(models.Model):
    """A colleague their manager wants paired with a mentor. Weak topics are read
    from the drills when needed; the manager adds a note (the guidance type lives
    on people.Person and is set through people's services)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mentee_need",
        verbose_name=_("mentee"),
    )
    seeking = models.BooleanField(
        _("looking for a mentor"),
        default=True,
        help_text=_("Only mentees looking for a mentor are given suggestions."),
    )
    focus_topics = models.ManyToManyField(
        "quizzes.Topic",
        blank=True,
        related_name="+",
        verbose_name=_("topics to focus on"),
        help_text=_("Added to the weak topics the drills show."),
    )
    manager_note = models.TextField(_("manager's note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mentee need")
        verbose_name_plural = _("mentee needs")
        ordering = ["person__employee_id"]

    def __str__(self):
        return str(self.person)
