"""Who is a comparable colleague of a mentee, and why anyone else is not.

An outcome means little alone: mastery tends to rise with time in the job and
with the training everyone gets. So each mentee's change is set beside the
change, over the same period, of colleagues who are like them but had no
mentor: same grade, same Lianbing roles, similar service time, similar
mastery of the agreed topics at the start, and no pair of their own as a
mentee overlapping the period.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from ..conf import mentorship_settings

DAYS_A_YEAR = 365.25

# Why a colleague is left out, first reason that applies, in this order.
SELF = "self"
HAS_MENTOR = "has_mentor"
OTHER_GRADE = "other_grade"
OTHER_ROLES = "other_roles"
FAR_SERVICE = "far_service"
DIFFERENT_START = "different_start"

EXCLUSION_REASONS = {
    SELF: _("the mentee themself"),
    HAS_MENTOR: _("had a mentor during the period"),
    OTHER_GRADE: _("another grade"),
    OTHER_ROLES: _("other roles"),
    FAR_SERVICE: _("service time too different"),
    DIFFERENT_START: _("starting mastery too different"),
}


@dataclass(frozen=True)
class Colleague:
    """What the comparison needs to know of a person."""

    person_id: int
    grade: str
    roles: frozenset[str]
    hire_date: date | None


def service_close(first: date | None, second: date | None, *, years: float) -> bool:
    """Hired within `years` of each other; two unknown hire dates count as close
    (nothing tells them apart), one unknown as far."""
    if first is None or second is None:
        return first is None and second is None
    return abs((first - second).days) <= years * DAYS_A_YEAR


def overlaps(periods, start: date, end: date, *, today: date) -> bool:
    """Whether any (started_on, ended_on or None while open) period meets [start, end]."""
    return any(
        began <= end and (ended or today) >= start for began, ended in periods if began is not None
    )


def static_reason(mentee: Colleague, candidate: Colleague) -> str | None:
    """The reason known before any mastery is read (grade, roles, service)."""
    if candidate.person_id == mentee.person_id:
        return SELF
    if candidate.grade != mentee.grade:
        return OTHER_GRADE
    if candidate.roles != mentee.roles:
        return OTHER_ROLES
    if not service_close(
        mentee.hire_date, candidate.hire_date, years=mentorship_settings.COMPARISON_SERVICE_YEARS
    ):
        return FAR_SERVICE
    return None


def exclusion_reason(
    *,
    mentee: Colleague,
    candidate: Colleague,
    mentored: bool,
    mentee_start: float,
    candidate_start: float,
) -> str | None:
    """Why `candidate` is not comparable with `mentee`, or None if they are."""
    if candidate.person_id == mentee.person_id:
        return SELF
    if mentored:
        return HAS_MENTOR
    reason = static_reason(mentee, candidate)
    if reason:
        return reason
    if abs(candidate_start - mentee_start) > mentorship_settings.COMPARISON_MASTERY_MARGIN + 1e-9:
        return DIFFERENT_START
    return None
