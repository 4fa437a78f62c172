"""Refresher drills sent from the effectiveness page: one per course, topic
and day, so that a second click the same day assigns nothing twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RefresherDrill(models.Model):
    # No index of its own: courses_refresher_once_a_day leads with it.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
        db_index=False,
    )
    topic = models.ForeignKey(
        "quizzes.Topic", on_delete=models.CASCADE, related_name="+", verbose_name=_("topic")
    )
    day = models.DateField(_("sent on"))
    drill = models.ForeignKey(
        "quizzes.Drill", on_delete=models.CASCADE, related_name="+", verbose_name=_("drill")
    )
    people = models.PositiveIntegerField(_("people assigned"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent at"))
    assigned_at = models.DateTimeField(
        _("assigned at"),
        null=True,
        blank=True,
        help_text=_("When every assignment was made; empty while they are being made."),
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("refresher drill")
        verbose_name_plural = _("refresher drills")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "topic", "day"], name="courses_refresher_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.course_id} · {self.topic_id} {self.day}"
