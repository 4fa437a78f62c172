"""Writes of the courses app, one module per subject: learning (enrolment,
progress, decisions, observations), plans, follow-up and results."""

from .learning import (
    LearningRefused,
    course_completion_check,
    decision_commit,
    enrollment_create,
    lesson_complete,
    lesson_visit,
    observation_record,
)

__all__ = [
    "LearningRefused",
    "course_completion_check",
    "decision_commit",
    "enrollment_create",
    "lesson_complete",
    "lesson_visit",
    "observation_record",
]
