from .drills import (
    attempt_results_visible,
    attempts_left,
    drill_available_to,
    drill_passed_by,
    drill_questions_for,
    drills_available_to,
    open_attempt_drill_ids,
    questions_askable_to,
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
    "due_queue",
    "open_attempt_drill_ids",
    "questions_askable_to",
    "review_drill_for",
    "topic_list",
]
