from .drills import (
    drill_available_to,
    drill_passed_by,
    drill_questions_for,
    drills_available_to,
    questions_askable_to,
)
from .memory import due_queue
from .topics import topic_list

__all__ = [
    "drill_available_to",
    "drill_passed_by",
    "drill_questions_for",
    "drills_available_to",
    "due_queue",
    "questions_askable_to",
    "topic_list",
]
