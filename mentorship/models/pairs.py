from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


OPEN_STATUSES = (PairStatus.PROPOSED, PairStatus.ACTIVE)


class Pair(models.Model):
    """A mentor and a mentee. Assigned by a manager (PROPOSED), ACTIVE once both
    have acknowledged their agreement, then COMPLETED or ENDED_EARLY with a
    reason. A mentee has at most one open pair; only an ACTIVE pair lets the
    mentor see the mentee's training record (mentorship.scope)."""

    # No index of its own: mentor_pair_mentor_status leads with it.
    mentor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentor"),
        db_index=False,
    )
    # No index of its own: mentor_pair_mentee_status leads with it.
    mentee = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentee"),
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    suggestion = models.ForeignKey(
        "mentorship.Suggestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from suggestion"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending early"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-assigned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["proposed", "active"]),
                name="mentor_pair_one_open_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="mentor_pair_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentor_pair_mentor_status"),
            models.Index(fields=["mentee", "status"], name="mentor_pair_mentee_status"),
        ]

    def __str__(self):
        return f"{self.mentor_id} -> {self.mentee_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PairEventKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    MENTOR_CHANGED = "mentor_changed", _("Mentor changed")
    AGREEMENT_EDITED = "agreement_edited", _("Agreement edited")
    ACKNOWLEDGED = "acknowledged", _("Agreement acknowledged")
    ACTIVATED = "activated", _("Pair started")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")
    NUDGED = "nudged", _("Reminded to check in")
    ESCALATED = "escalated", _("Manager told: no check-in")
    CHECKED_IN = "checked_in", _("Check-in logged")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    OBSERVED = "observed", _("Behaviour observation recorded")


class PairEvent(models.Model):
    """What happened to a pair, who did it and when: the pair's history."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="events", verbose_name=_("pair")
    )
    kind = models.CharField(_("what"), max_length=30, choices=PairEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("pair event")
        verbose_name_plural = _("pair events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.pair_id} {self.kind}"


class Agreement(models.Model):
    """What the pair agree to work on: goals and notes, acknowledged by both.
    Editing it after an acknowledgement asks both to acknowledge again."""

    pair = models.OneToOneField(
        Pair, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("pair")
    )
    notes = models.TextField(_("notes (Markdown)"), blank=True)
    mentor_acknowledged_at = models.DateTimeField(
        _("mentor acknowledged at"), null=True, blank=True
    )
    mentee_acknowledged_at = models.DateTimeField(
        _("mentee acknowledged at"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return f"{self.pair_id}"

    @property
    def acknowledged_by_both(self) -> bool:
        return bool(self.mentor_acknowledged_at and self.mentee_acknowledged_at)


class Goal(models.Model):
    """One goal of an agreement: a target topic with a due date and notes."""

    # No index of its own: mentor_goal_topic_once leads with it.
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("agreement"),
        db_index=False,
    )
    topic = models.ForeignKey(
        "quizzes.Topic", on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    due_on = models.DateField(_("due on"))
    notes = models.TextField(_("notes (Markdown)"), blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "topic"], name="mentor_goal_topic_once")
        ]

    def __str__(self):
        return f"{self.topic_id} by {self.due_on}"


class CheckIn(models.Model):
    """A meeting of the pair, logged by either side."""

    # No index of its own: mentor_checkin_pair_date leads with it.
    pair = models.ForeignKey(
        Pair,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("pair"),
        db_index=False,
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    met_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    notes = models.TextField(_("notes (Markdown)"), blank=True)
    next_steps = models.TextField(_("next steps (Markdown)"), blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-met_on", "-pk"]
        indexes = [models.Index(fields=["pair", "-met_on"], name="mentor_checkin_pair_date")]

    def __str__(self):
        return f"{self.pair_id} {self.met_on}"


class CheckInNudge(models.Model):
    """A reminder sent because a pair had no check-in: one per pair, stage and
    quiet spell (counted from `since`, the last check-in or the start), so the
    daily schedule may run any number of times a day."""

    class Stage(models.TextChoices):
        PAIR = "pair", _("Both reminded")
        MANAGER = "manager", _("Manager told")

    # No index of its own: mentor_nudge_once_per_spell leads with it.
    pair = models.ForeignKey(
        Pair,
        on_delete=models.CASCADE,
        related_name="nudges",
        verbose_name=_("pair"),
        db_index=False,
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    since = models.DateField(_("quiet since"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in reminder")
        verbose_name_plural = _("check-in reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "stage", "since"], name="mentor_nudge_once_per_spell"
            )
        ]

    def __str__(self):
        return f"{self.pair_id} {self.stage} since {self.since}"


class EndFeedback(models.Model):
    """Each side's word on the pair once it has ended."""

    # No index of its own: mentor_feedback_once leads with it.
    pair = models.ForeignKey(
        Pair,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("pair"),
        db_index=False,
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments (Markdown)"), blank=True)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["pair", "author"], name="mentor_feedback_once")
        ]

    def __str__(self):
        return f"{self.pair_id} {self.author_id}"
