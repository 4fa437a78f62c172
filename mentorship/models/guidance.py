from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import GuidanceType


class GuidanceAdvice(models.Model):
    """A trainer's advice for mentoring one of the five guidance types
    (個性化指導), in Markdown; a mentor reads it on the pair's page."""

    guidance_type = models.CharField(
        _("guidance type"), max_length=30, choices=GuidanceType.choices, unique=True
    )
    advice = models.TextField(_("advice (Markdown)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("guidance advice")
        verbose_name_plural = _("guidance advice")
        ordering = ["guidance_type"]

    def __str__(self):
        return str(self.get_guidance_type_display())


class MentorHonour(models.Model):
    """優秀導師: a trainer marks an outstanding mentor from the effectiveness ranking."""

    # No index of its own: mentor_honour_once_a_year leads with it.
    mentor = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentor"),
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    citation = models.TextField(_("citation"), blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("awarded by"),
    )
    awarded_at = models.DateTimeField(_("awarded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outstanding mentor honour")
        verbose_name_plural = _("outstanding mentor honours")
        ordering = ["-year", "-awarded_at"]
        constraints = [
            models.UniqueConstraint(fields=["mentor", "year"], name="mentor_honour_once_a_year")
        ]

    def __str__(self):
        return f"{self.mentor_id} {self.year}"
