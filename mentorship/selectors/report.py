"""The programme report of mentoring for managers, and the ranking trainers
honour from.

Who sees what:
- a manager: the pairs whose mentee they manage (people_managed_by), with the
  outcomes, overdue check-ins and the ranking of the mentors of those pairs
  only, worked out from those pairs only;
- an administrator: every pair;
- a trainer: the organisation-wide ranking (mentor, unit, effectiveness, the
  number of pairs it rests on, honours) to choose 優秀導師 from; no mentee,
  no pair, no mastery figure of anyone. A trainer who also manages people sees
  the report of their own scope like any manager.
Comparison figures are means over colleagues who may lie outside the viewer's
scope; no comparable colleague is ever named.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from people.roles import Role
from people.selectors import people_managed_by, sees_everyone, user_has_role

from ..conf import mentorship_settings
from ..models import MentorHonour, Pair, PairStatus
from .outcomes import PairOutcome, pair_outcomes
from .ranking import MentorScore, mentor_ranking


def may_see_report(user) -> bool:
    return user.is_authenticated and (sees_everyone(user) or user_has_role(user, Role.MANAGER))


def may_honour(user) -> bool:
    return user.is_authenticated and (sees_everyone(user) or user_has_role(user, Role.TRAINER))


def report_pairs(user):
    """The pairs of the user's report: those whose mentee they manage."""
    if not may_see_report(user):
        return Pair.objects.none()
    if sees_everyone(user):
        return Pair.objects.all()
    return Pair.objects.filter(mentee__in=people_managed_by(user).values("pk"))


@dataclass(frozen=True)
class OverdueCheckIn:
    pair: Pair
    quiet_since: date
    days: int


@dataclass
class ProgrammeReport:
    today: date
    active: int
    overdue: list[OverdueCheckIn]
    outcomes: list[PairOutcome]
    ranking: list[MentorScore]
    nudge_days: int = field(default_factory=lambda: mentorship_settings.CHECKIN_NUDGE_DAYS)
    min_colleagues: int = field(
        default_factory=lambda: mentorship_settings.COMPARISON_MIN_COLLEAGUES
    )

    @property
    def measured(self) -> list[PairOutcome]:
        return [outcome for outcome in self.outcomes if outcome.measured]


def overdue_checkins(pairs, *, today: date) -> list[OverdueCheckIn]:
    """Active pairs whose last check-in, or start when none, is older than
    MENTORSHIP_CHECKIN_NUDGE_DAYS, longest quiet first (one query)."""
    cutoff = today - timedelta(days=mentorship_settings.CHECKIN_NUDGE_DAYS)
    rows = (
        pairs.filter(status=PairStatus.ACTIVE)
        .annotate(quiet_since=Coalesce(Max("checkins__met_on"), "started_on"))
        .filter(Q(quiet_since__lt=cutoff) | Q(quiet_since__isnull=True))
        .select_related("mentor", "mentee", "mentee__unit")
        .order_by("quiet_since", "pk")
    )
    return [
        OverdueCheckIn(
            pair=pair,
            quiet_since=pair.quiet_since or today,
            days=(today - (pair.quiet_since or today)).days,
        )
        for pair in rows
    ]


def programme_report(user, *, today: date | None = None) -> ProgrammeReport:
    today = today or timezone.localdate()
    pairs = report_pairs(user)
    outcomes = pair_outcomes(pairs, today=today)
    return ProgrammeReport(
        today=today,
        active=sum(1 for o in outcomes if o.pair.status == PairStatus.ACTIVE),
        overdue=overdue_checkins(pairs, today=today),
        outcomes=outcomes,
        ranking=mentor_ranking(outcomes),
    )


@dataclass(frozen=True)
class RankedMentor:
    score: MentorScore
    honour: MentorHonour | None  # this year's, if already given


def honours_ranking(*, today: date | None = None) -> list[RankedMentor]:
    """The organisation-wide ranking for trainers, with this year's honours."""
    today = today or timezone.localdate()
    ranking = mentor_ranking(pair_outcomes(Pair.objects.all(), today=today))
    honours = {
        honour.mentor_id: honour
        for honour in MentorHonour.objects.filter(
            year=today.year, mentor__in=[s.mentor.pk for s in ranking]
        )
    }
    return [RankedMentor(score=s, honour=honours.get(s.mentor.pk)) for s in ranking]


def ranked_mentor(mentor_id: int, *, today: date | None = None) -> MentorScore | None:
    """The mentor's place in the ranking, if they are in it with a pair that counts."""
    for ranked in honours_ranking(today=today):
        if ranked.score.mentor.pk == mentor_id and ranked.score.pairs:
            return ranked.score
    return None
