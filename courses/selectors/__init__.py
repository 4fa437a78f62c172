"""Reads of the courses app, by subject: the catalogue, progress, decision
points and risk factors. Access is courses.confidentiality's, below these."""

from .catalogue import (
    catalogue_courses,
    catalogue_for,
    catalogue_search,
    id_from,
)
from .decisions import (
    case_context_for,
    decision_summaries,
    decisions_pending_for,
)
from .observations import observations_of
from .progress import (
    course_completed_by,
    course_progress_for,
    lesson_context_for,
    my_learning,
    prerequisites_for,
    prerequisites_missing_for,
    team_enrolment_for,
)
from .risk import (
    risk_factor_review_count,
    risk_factors_with_counts,
)

__all__ = [
    "case_context_for",
    "catalogue_courses",
    "catalogue_for",
    "catalogue_search",
    "course_completed_by",
    "course_progress_for",
    "decision_summaries",
    "decisions_pending_for",
    "id_from",
    "lesson_context_for",
    "my_learning",
    "observations_of",
    "prerequisites_for",
    "prerequisites_missing_for",
    "risk_factor_review_count",
    "risk_factors_with_counts",
    "team_enrolment_for",
]
