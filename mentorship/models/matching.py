from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchingRun(models.Model):
    """One request for suggestions: a manager's whole scope solved at once.
    Small runs finish inside the request; large ones run in the background and
    show their progress. A run never stays RUNNING: a worker that dies is
    noticed by its heartbeat going stale, and the run shows as failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # No index of its own: mentor_run_user leads with it.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    error = models.TextField(_("reason it failed"), blank=True)
    weights = models.JSONField(_("weights"), default=dict)
    mentee_count = models.PositiveIntegerField(_("mentees"), default=0)
    mentor_count = models.PositiveIntegerField(_("mentors"), default=0)
    place_count = models.PositiveIntegerField(_("free places"), default=0)
    solve_ms = models.FloatField(_("solve time (ms)"), null=True, blank=True)
    total_ms = models.FloatField(_("total time (ms)"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion run")
        verbose_name_plural = _("suggestion runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="mentor_run_user")]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"


class SuggestionStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    CHANGED = "changed", _("Accepted with another mentor")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a newer run")


class UnmatchedReason(models.TextChoices):
    NO_MENTORS = "no_mentors", _("No mentor with a free place in your scope")
    ALL_FORBIDDEN = "all_forbidden", _("Every mentor with a free place is ruled out")
    NO_PLACE_LEFT = "no_place_left", _("The free places went to mentees with a better match")


class Suggestion(models.Model):
    """One line of a run: a mentee with the mentor proposed (and the score and
    the reasons, kept as data so they are told in the reader's language), or
    without one and why."""

    run = models.ForeignKey(
        MatchingRun, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("run")
    )
    # No index of its own: mentor_sugg_mentee leads with it.
    mentee = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentee"),
        db_index=False,
    )
    mentor = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor"),
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=dict)
    unmatched_reason = models.CharField(
        _("why no mentor"), max_length=20, choices=UnmatchedReason.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.WAITING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["run", "-score", "pk"]
        indexes = [models.Index(fields=["mentee", "status"], name="mentor_sugg_mentee")]

    def __str__(self):
        return f"{self.mentee_id} -> {self.mentor_id or '-'}"
