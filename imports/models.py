from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One uploaded file on its way in: its preview (what would change, every
    problem with its row and column or line), then the apply in the
    background. The uploaded bytes stay here until the run is applied or
    deleted; previews never applied are deleted after a day."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        REFUSED = "refused", _("Has problems")
        APPLYING = "applying", _("Applying")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(editable=False, default=b"")
    # The encoding the person chose for a text file ("" = detected).
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    detected_encoding = models.CharField(_("detected encoding"), max_length=40, blank=True)
    # Ids only (category, topic, subject, ...), as the importer needs them.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    # [{"row": n or None, "line": n or None, "column": "...", "message": "..."}]
    problems = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="imports_status_created")]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def shown_encoding(self) -> str:
        return self.encoding or self.detected_encoding

    @property
    def can_confirm(self) -> bool:
        return self.status == self.Status.PREVIEWED and not self.problems

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED
