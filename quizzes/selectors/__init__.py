"""Reads of the quizzes app that other apps may use, and the modules that hold them."""

# fold: width, script, case and spaces folded as short answers are compared; other
# apps compare text the same way (courses' protected names) through this name.
from ..normalise import fold
from .drills import (
    attempt_results_visible,
    attempts_left,
    drill_available_to,
    drill_passed_by,
    drill_questions_for,
    drills_available_to,
    drills_listed_for,
    open_attempt_drill_ids,
    questions_askable_to,
    recent_results_of,
    review_drill_for,
)
from .memory import due_queue
from .topics import topic_list

__all__ = [
    "attempt_results_visible",
    "attempts_left",
    "drill_available_to",
    "drill_passed_by",
    "drill_questions_for",
    "drills_available_to",
    "drills_listed_for",
    "due_queue",
    "fold",
    "open_attempt_drill_ids",
    "questions_askable_to",
    "recent_results_of",
    "review_drill_for",
    "topic_list",
]
