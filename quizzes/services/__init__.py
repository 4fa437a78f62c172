from .attempt_clock import question_ends_at, question_timed_out
from .attempt_layouts import layout_remember
from .attempts import (
    AttemptRefused,
    SavedAnswer,
    answer_save,
    attempt_finish,
    attempt_items,
    attempt_start,
    attempt_start_of,
    attempts_close_overdue,
    item_open,
    item_reveal,
)
from .memory import memory_record_answer, memory_record_answers
from .questions import category_move, question_create, question_update

__all__ = [
    "AttemptRefused",
    "SavedAnswer",
    "answer_save",
    "attempt_finish",
    "attempt_items",
    "attempt_start",
    "attempt_start_of",
    "attempts_close_overdue",
    "category_move",
    "item_open",
    "item_reveal",
    "layout_remember",
    "memory_record_answer",
    "memory_record_answers",
    "question_ends_at",
    "question_timed_out",
    "question_create",
    "question_update",
]
