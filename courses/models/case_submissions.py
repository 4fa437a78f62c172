"""兩案例: the cases each customer manager writes from their own work, two a
month by default, reviewed by trainers. An accepted case can become a draft
case study page, with its author credited, and then goes through the page's
anonymisation check and workflow like any other."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import CaseOutcome


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


class CaseSubmission(models.Model):
    # No index of its own: courses_submission_author leads with it.
    author = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
        db_index=False,
    )
    title = models.CharField(_("title"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=10, choices=CaseOutcome.choices)
    client_profile = models.TextField(
        _("client profile"), help_text=_("Markdown. Who the client is, without their name.")
    )
    what_was_done = models.TextField(_("what was done"), help_text=_("Markdown."))
    how_it_went = models.TextField(_("how it went"), help_text=_("Markdown."))
    lessons_learned = models.TextField(_("lessons learned"), help_text=_("Markdown."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The first submission; the month it counts towards is that day's month in
    # the site's time zone (`month`), kept when it is sent back and resubmitted.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    month = models.DateField(
        _("counts for the month of"), null=True, blank=True, help_text=_("The first day.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case study page"),
    )
    promoted_at = models.DateTimeField(_("made a page at"), null=True, blank=True)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("made a page by"),
    )

    class Meta:
        verbose_name = _("submitted case")
        verbose_name_plural = _("submitted cases")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["author", "month"], name="courses_submission_author"),
            models.Index(fields=["status", "submitted_at"], name="courses_submission_queue"),
            models.Index(fields=["month"], name="courses_submission_month"),
        ]

    def __str__(self):
        return self.title


class SubmissionAttachment(models.Model):
    """A file of a submitted case: a Wagtail document in the submissions'
    collection, served only to those who may read the case (courses.files)
    and, once the case is a page, to that page's readers."""

    submission = models.ForeignKey(
        CaseSubmission, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["document"], name="courses_attachment_document_once")
        ]

    def __str__(self):
        return f"{self.submission_id}: {self.document_id}"


class ReviewAction(models.TextChoices):
    COMMENT = "comment", _("Comment")
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Sent back")
    ACCEPT = "accept", _("Accepted")
    PROMOTE = "promote", _("Made a draft page")


class SubmissionReview(models.Model):
    """One step of a submission's history: a comment, a submission, a decision."""

    submission = models.ForeignKey(CaseSubmission, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=10, choices=ReviewAction.choices)
    comment = models.TextField(_("comment"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.submission_id} {self.action}"
