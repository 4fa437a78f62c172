"""Checks that a question's content fits its type (question_types documents the shapes)."""

from numbers import Real

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .question_types import QuestionType


def _number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _fraction(value) -> bool:
    return _number(value) and -1 <= value <= 1


def payload_problems(qtype: str, payload: dict) -> list[str]:
    """Everything wrong with a payload, as sentences an author can act on."""
    if not isinstance(payload, dict):
        return [_("The answers are missing.")]
    problems: list[str] = []
    qtype = QuestionType(qtype)
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        choices = payload.get("choices") or []
        if len(choices) < 2:
            problems.append(_("Give at least two choices."))
        if any(not str(c.get("text", "")).strip() for c in choices):
            problems.append(_("Every choice needs a text."))
        if any(not _fraction(c.get("fraction", 0)) for c in choices):
            problems.append(_("Weights run from -100% to 100%."))
        positive = [
            c.get("fraction", 0)
            for c in choices
            if _number(c.get("fraction", 0)) and c.get("fraction", 0) > 0
        ]
        if qtype == QuestionType.SINGLE and (not positive or max(positive) < 0.999):
            problems.append(_("Mark one choice as fully right."))
        if qtype == QuestionType.MULTIPLE and abs(sum(positive) - 1) > 0.01:
            problems.append(_("The weights of the right choices must add up to 100%."))
    elif qtype == QuestionType.TRUE_FALSE:
        if not isinstance(payload.get("answer"), bool):
            problems.append(_("Say whether the statement is true or false."))
    elif qtype == QuestionType.SHORT:
        answers = payload.get("answers") or []
        if not any(
            a.get("fraction", 0) >= 0.999 and str(a.get("text", "")).strip() for a in answers
        ):
            problems.append(_("Give at least one fully right answer."))
        if any(not _fraction(a.get("fraction", 0)) for a in answers):
            problems.append(_("Weights run from -100% to 100%."))
    elif qtype == QuestionType.NUMERIC:
        answers = payload.get("answers") or []
        if not any(a.get("fraction", 0) >= 0.999 for a in answers):
            problems.append(_("Give at least one fully right answer."))
        for answer in answers:
            if not _number(answer.get("value")):
                problems.append(_("Every answer needs a number."))
            if not _number(answer.get("tolerance", 0)) or answer.get("tolerance", 0) < 0:
                problems.append(_("A tolerance is a number of zero or more."))
            if answer.get("tolerance_kind", "absolute") not in ("absolute", "percent"):
                problems.append(_("A tolerance is absolute or a percentage."))
    elif qtype == QuestionType.ORDERING:
        items = payload.get("items") or []
        if len(items) < 2 or any(not str(i).strip() for i in items):
            problems.append(_("Give at least two items, each with a text."))
    elif qtype == QuestionType.MATCHING:
        pairs = payload.get("pairs") or []
        if len(pairs) < 2:
            problems.append(_("Give at least two pairs."))
        if any(
            not str(p.get("left", "")).strip() or not str(p.get("right", "")).strip() for p in pairs
        ):
            problems.append(_("Every pair needs both sides."))
    elif qtype == QuestionType.RECALL:
        if not str(payload.get("back", "")).strip():
            problems.append(_("Write the back of the card."))
    return list(dict.fromkeys(problems))


def validate_question(*, qtype: str, stem: str, payload: dict) -> None:
    errors = {}
    if not (stem or "").strip():
        errors["stem"] = [_("Write the question.")]
    problems = payload_problems(qtype, payload)
    if problems:
        errors["payload"] = problems
    if errors:
        raise ValidationError(errors)
