from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionImport(models.Model):
    """One uploaded question file. Large files are imported in the background,
    all or nothing; problems are kept with their line (or row) and column."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused")

    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    category = models.ForeignKey(
        "quizzes.Category",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
        help_text=_("Questions go here, or under it when the file names its own categories."),
    )
    topic = models.ForeignKey(
        "quizzes.Topic",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("topic"),
        help_text=_("For questions whose file names no topic."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("question import")
        verbose_name_plural = _("question imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name
