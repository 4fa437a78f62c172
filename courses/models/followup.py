from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BehaviourObservation(models.Model):
    """The post-training follow-up's second level: has the way this person works
    changed? Recorded by someone who may see them (their manager, or their
    mentor while a pair is active), with an example, optionally about a course."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
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
