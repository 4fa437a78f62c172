"""Grading: a response against a question version's payload, by type.

Pure functions over plain data (see question_types for the shapes); indices
in responses are indices into the payload's own lists. Presentation order
(shuffling) is undone before grading, in quizzes.presentation.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .normalise import fold, parse_number
from .question_types import QuestionType

# Self-rated recall: again, hard, good, easy (FSRS ratings 1 to 4).
RECALL_SCORES = {1: 0.0, 2: 0.5, 3: 1.0, 4: 1.0}


class ResponseInvalid(ValueError):
    """The response does not fit the question; `message` says how."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Grade:
    score: float  # 0 to 1
    feedback: list[str] = field(default_factory=list)  # Markdown, per chosen answer

    @property
    def correct(self) -> bool:
        return self.score >= 0.999


def _index(value, length: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < length:
        raise ResponseInvalid(_("Choose one of the offered answers."))
    return value


def _clamp(score: float) -> float:
    return max(0.0, min(1.0, score))


def _grade_single(payload, response):
    choices = payload["choices"]
    chosen = choices[_index(response.get("choice"), len(choices))]
    return Grade(_clamp(chosen.get("fraction", 0)), [chosen.get("feedback", "")])


def _grade_multiple(payload, response):
    choices = payload["choices"]
    picked = response.get("choices")
    if not isinstance(picked, list) or len(set(map(str, picked))) != len(picked):
        raise ResponseInvalid(_("Choose the answers from those offered, each at most once."))
    chosen = [choices[_index(i, len(choices))] for i in picked]
    return Grade(
        _clamp(sum(c.get("fraction", 0) for c in chosen)), [c.get("feedback", "") for c in chosen]
    )


def _grade_true_false(payload, response):
    answer = response.get("answer")
    if not isinstance(answer, bool):
        raise ResponseInvalid(_("Answer true or false."))
    right = answer == payload["answer"]
    feedback = payload.get("feedback_true" if answer else "feedback_false", "")
    return Grade(1.0 if right else 0.0, [feedback])


def _grade_short(payload, response):
    text = response.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ResponseInvalid(_("Type an answer."))
    if len(text) > 500:
        raise ResponseInvalid(_("The answer is longer than 500 characters."))
    case_sensitive = payload.get("case_sensitive", False)
    typed = fold(text, case_sensitive=case_sensitive)
    best = None
    for answer in payload["answers"]:
        if answer["text"] == "*" or fold(answer["text"], case_sensitive=case_sensitive) == typed:
            if best is None or answer.get("fraction", 0) > best.get("fraction", 0):
                best = answer
    if best is None:
        return Grade(0.0)
    return Grade(_clamp(best.get("fraction", 0)), [best.get("feedback", "")])


def numeric_matches(answer: dict, value: float) -> bool:
    tolerance = abs(answer.get("tolerance", 0) or 0)
    if answer.get("tolerance_kind") == "percent":
        tolerance = abs(answer["value"]) * tolerance / 100
    return abs(value - answer["value"]) <= tolerance + 1e-9


def _grade_numeric(payload, response):
    value = parse_number(response.get("value"))
    if value is None:
        raise ResponseInvalid(_("Type a number."))
    best = None
    for answer in payload["answers"]:
        if numeric_matches(answer, value):
            if best is None or answer.get("fraction", 0) > best.get("fraction", 0):
                best = answer
    if best is None:
        return Grade(0.0)
    return Grade(_clamp(best.get("fraction", 0)), [best.get("feedback", "")])


def _grade_ordering(payload, response):
    items = payload["items"]
    order = response.get("order")
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(
        map(str, range(len(items)))
    ):
        raise ResponseInvalid(_("Put every item in order, each once."))
    in_place = sum(1 for position, index in enumerate(order) if index == position)
    return Grade(in_place / len(items))


def _grade_matching(payload, response):
    pairs = payload["pairs"]
    rights = len(pairs) + len(payload.get("distractors", []))
    given = response.get("pairs")
    if not isinstance(given, dict):
        raise ResponseInvalid(_("Match every item."))
    right_count = 0
    for left in range(len(pairs)):
        chosen = given.get(str(left), given.get(left))
        if chosen is None:
            raise ResponseInvalid(_("Match every item."))
        # Two lefts may share a right text; what counts is the text chosen.
        chosen = _index(chosen, rights)
        chosen_text = pairs[chosen]["right"] if chosen < len(pairs) else None
        if chosen_text == pairs[left]["right"]:
            right_count += 1
    return Grade(right_count / len(pairs))


def _grade_recall(payload, response):
    rating = response.get("rating")
    if rating not in RECALL_SCORES or isinstance(rating, bool):
        raise ResponseInvalid(_("Rate your recall: again, hard, good or easy."))
    return Grade(RECALL_SCORES[rating])


_GRADERS = {
    QuestionType.SINGLE: _grade_single,
    QuestionType.MULTIPLE: _grade_multiple,
    QuestionType.TRUE_FALSE: _grade_true_false,
    QuestionType.SHORT: _grade_short,
    QuestionType.NUMERIC: _grade_numeric,
    QuestionType.ORDERING: _grade_ordering,
    QuestionType.MATCHING: _grade_matching,
    QuestionType.RECALL: _grade_recall,
}


def grade(qtype: str, payload: dict, response: dict) -> Grade:
    """Score a response from 0 to 1, with the feedback of what was chosen.
    Raises ResponseInvalid when the response does not fit the question."""
    if not isinstance(response, dict):
        raise ResponseInvalid(_("The answer is missing."))
    grade = _GRADERS[QuestionType(qtype)](payload, response)
    return Grade(grade.score, [text for text in grade.feedback if text])


def fsrs_rating(qtype: str, response: dict, score: float) -> int:
    """The FSRS rating an answer stands for: recall cards say it themselves;
    otherwise wrong is Again, partly right Hard, right Good."""
    if qtype == QuestionType.RECALL:
        return response["rating"]
    if score >= 0.999:
        return 3
    return 2 if score >= 0.5 else 1
