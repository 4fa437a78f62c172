"""Reads of suggestion runs: who may ask, the candidates of a run with what
scoring needs (in a fixed number of queries whatever the scope's size), the
state of a run as shown (a silent run reads as failed), and a page's lines."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import OrgUnit
from people.selectors import managed_units_of, people_managed_by, sees_everyone
from quizzes.selectors.mastery import mastery_grid

from ..conf import mentorship_settings
from ..matching.scoring import MenteeInput, MentorInput
from ..models import (
    MatchingRun,
    MenteeNeed,
    MentorProfile,
    MentorStatus,
    Pair,
    Suggestion,
    SuggestionStatus,
)
from ..models.pairs import OPEN_STATUSES
from ..rules import PairingRules


def can_request_suggestions(user) -> bool:
    """Managers of at least one unit, and administrators."""
    return user.is_authenticated and (sees_everyone(user) or bool(managed_units_of(user)))


def people_in_scope(user) -> QuerySet:
    """Whom the user may pair: the people they manage, themself excluded."""
    return people_managed_by(user).exclude(user=user)


def mentee_candidates(user) -> QuerySet:
    """People in the user's scope looking for a mentor and without an open pair."""
    paired = Pair.objects.filter(status__in=OPEN_STATUSES).values("mentee_id")
    return (
        people_in_scope(user)
        .filter(mentee_need__seeking=True)
        .exclude(pk__in=paired)
        .order_by("unit__path", "employee_id")
    )


def mentor_candidates(user) -> QuerySet:
    """Active mentors in the user's scope (free places are counted by the rules)."""
    return people_in_scope(user).filter(mentor_profile__status=MentorStatus.ACTIVE)


@dataclass
class MatchingInputs:
    mentees: list[MenteeInput]
    mentors: list[MentorInput]
    rules: PairingRules
    kinds: dict[str, str]  # unit path -> kind
    steplen: int


def matching_inputs(user, *, today=None) -> MatchingInputs:
    """Everything a run scores and solves, read in bulk. Mentors without a free
    place are left out: they cannot take anyone."""
    today = today or timezone.localdate()
    mentee_query = mentee_candidates(user)
    mentor_query = mentor_candidates(user)
    mentee_rows = list(mentee_query.values_list("pk", "unit__path"))
    mentor_rows = list(mentor_query.values_list("pk", "unit__path", "mentor_profile__capacity"))
    mentee_ids = [pk for pk, _path in mentee_rows]
    mentor_ids = [pk for pk, _path, _cap in mentor_rows]
    rules = PairingRules.load(user=user, mentor_ids=mentor_ids, mentee_ids=mentee_ids, today=today)
    # The queries below name the candidates by subquery rather than by lists of
    # ids: a list of a thousand ids costs more to send than the query to run.
    focus: dict[int, set[int]] = {}
    for person_id, topic_id in MenteeNeed.focus_topics.through.objects.filter(
        menteeneed__person__in=mentee_query.values("pk")
    ).values_list("menteeneed__person_id", "topic_id"):
        focus.setdefault(person_id, set()).add(topic_id)
    strengths: dict[int, set[int]] = {}
    for person_id, topic_id in MentorProfile.strengths.through.objects.filter(
        mentorprofile__person__in=mentor_query.values("pk")
    ).values_list("mentorprofile__person_id", "topic_id"):
        strengths.setdefault(person_id, set()).add(topic_id)
    grid = mastery_grid(
        people_in_scope(user)
        .filter(Q(mentee_need__seeking=True) | Q(mentor_profile__status=MentorStatus.ACTIVE))
        .values_list("pk", flat=True)
    )

    def measured(person_id):
        return {topic: m.mastery for topic, m in grid.get(person_id, {}).items()}

    mentees = [
        MenteeInput(id=pk, unit_path=path, mastery=measured(pk), focus=focus.get(pk, set()))
        for pk, path in mentee_rows
    ]
    mentors = [
        MentorInput(
            id=pk,
            unit_path=path,
            mastery=measured(pk),
            strengths=strengths.get(pk, set()),
            capacity=capacity,
            load=rules.open_load.get(pk, 0),
        )
        for pk, path, capacity in mentor_rows
    ]
    mentors = [mentor for mentor in mentors if mentor.free > 0]
    kinds = dict(OrgUnit.objects.values_list("path", "kind"))
    return MatchingInputs(mentees, mentors, rules, kinds, OrgUnit.steplen)


def run_is_stale(run: MatchingRun, *, now=None) -> bool:
    """A queued or running run that has given no sign of life for too long."""
    if run.status not in (MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING):
        return False
    last = run.heartbeat_at or run.created_at
    limit = timedelta(seconds=mentorship_settings.RUN_STALE_SECONDS)
    return last < (now or timezone.now()) - limit


def run_state(run: MatchingRun | None) -> dict | None:
    """What the page and the progress endpoint show of a run, computed on read:
    a stale run is shown as failed (nothing is written here)."""
    if run is None:
        return None
    stale = run_is_stale(run)
    status = MatchingRun.Status.FAILED if stale else run.status
    return {
        "id": run.pk,
        "status": str(status),
        "status_label": str(MatchingRun.Status(status).label),
        "progress": run.progress,
        "stage": run.stage,
        "stage_label": str(STAGES.get(run.stage, "")),
        "error": run.error or (STALE_ERROR if stale else ""),
        "finished": status in (MatchingRun.Status.DONE, MatchingRun.Status.FAILED),
        "solve_ms": run.solve_ms,
        "total_ms": run.total_ms,
    }


STAGES = {
    "loading": _("Reading mentees, mentors and mastery"),
    "scoring": _("Scoring every pair and solving"),
    "saving": _("Saving the suggestions"),
    "done": _("Done"),
}

STALE_ERROR = "stale"  # told in words by the template: the run stopped giving signs of life


def stale_runs(*, now=None) -> QuerySet[MatchingRun]:
    limit = (now or timezone.now()) - timedelta(seconds=mentorship_settings.RUN_STALE_SECONDS)
    open_ = [MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING]
    return MatchingRun.objects.filter(status__in=open_).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit)
    )


def latest_run_of(user) -> MatchingRun | None:
    return MatchingRun.objects.filter(requested_by=user).first()


def run_of(user, run_id: int) -> MatchingRun | None:
    """A run the user requested (another manager's run is not theirs to see)."""
    return MatchingRun.objects.filter(requested_by=user, pk=run_id).first()


def suggestions_of(run: MatchingRun) -> QuerySet[Suggestion]:
    return run.suggestions.select_related(
        "mentee__unit", "mentor__unit", "mentee__user", "mentor__user"
    ).order_by(F("score").desc(nulls_last=True), "mentee__name", "pk")


def suggestion_of(user, suggestion_id: int) -> Suggestion | None:
    """A waiting suggestion of a run the user requested, else None (404)."""
    return (
        Suggestion.objects.select_related("mentee", "mentor", "run")
        .filter(pk=suggestion_id, run__requested_by=user, status=SuggestionStatus.WAITING)
        .first()
    )
