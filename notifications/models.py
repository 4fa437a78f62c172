from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def validate_local_path(value: str) -> None:
    """A notice's link is a path on this site: /something, never another host."""
    if value and (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(c) < 32 or c.isspace() for c in value)
    ):
        raise ValidationError(
            _("A notice's link must be a path on this site, starting with /: %(link)s"),
            code="invalid_link",
            params={"link": value},
        )


class Notice(models.Model):
    """A notice to one person: its text, already in their language, and a link."""

    # No index of its own: notice_recipient_created leads with it.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=pgettext_lazy("notice", "recipient"),
        db_index=False,
    )
    text = models.TextField(pgettext_lazy("notice", "text"))
    link = models.CharField(
        pgettext_lazy("notice", "link"),
        max_length=500,
        blank=True,
        validators=[validate_local_path],
    )
    created_at = models.DateTimeField(pgettext_lazy("notice", "created at"), auto_now_add=True)
    read_at = models.DateTimeField(pgettext_lazy("notice", "read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(pgettext_lazy("notice", "e-mailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(
        pgettext_lazy("notice", "e-mail attempts"), default=0
    )
    email_error = models.TextField(pgettext_lazy("notice", "e-mail error"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("notice", "notice")
        verbose_name_plural = pgettext_lazy("notice", "notices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_created"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notice_unread",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
