"""Checks that a question's content, and an answer to it, fit its type
(question_types documents the shapes), and that text carries no characters
that would flip the text after them."""

import re
from numbers import Real

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .question_types import QuestionType

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible,
# they reverse how the text after them is shown ("Trojan Source"). The marks
# LRM and RLM only set direction and stay allowed.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# The longest a typed answer may be; the grader refuses longer ones too.
ANSWER_TEXT_MAX = 500
NUMBER_TEXT_MAX = 64

# What an answer holds, by question type: exactly these keys.
RESPONSE_KEYS = {
    QuestionType.SINGLE: {"choice"},
    QuestionType.MULTIPLE: {"choices"},
    QuestionType.TRUE_FALSE: {"answer"},
    QuestionType.SHORT: {"text"},
    QuestionType.NUMERIC: {"value"},
    QuestionType.ORDERING: {"order"},
    QuestionType.MATCHING: {"pairs"},
    QuestionType.RECALL: {"rating"},
}


def bidi_problem(text) -> str | None:
    match = BIDI_CONTROLS.search(text) if isinstance(text, str) else None
    if match is None:
        return None
    return _(
        "Remove the invisible character U+%(code)04X: it reverses the direction of the text after it."
    ) % {"code": ord(match.group())}


def refuse_bidi_controls(value) -> None:
    """A model field validator."""
    problem = bidi_problem(value)
    if problem:
        raise ValidationError(problem, code="bidi_control")


def _texts(value):
    """Every string inside a payload, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _small_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31


def option_count(payload: dict) -> int:
    """How many things an answer to a question of this payload may pick from
    or put in order (response_problems' `options`)."""
    if not isinstance(payload, dict):
        return 0
    if "choices" in payload:
        return len(payload["choices"])
    if "items" in payload:
        return len(payload["items"])
    return len(payload.get("pairs", [])) + len(payload.get("distractors", []))


def response_problems(qtype: str, response, *, options: int) -> list[str]:
    """Everything that keeps an answer from fitting a question of this type,
    before it is graded or stored. `options` is how many choices, items or
    right-hand options the question offers, which bounds every list."""
    if not isinstance(response, dict):
        return [_("The answer is missing.")]
    expected = RESPONSE_KEYS[QuestionType(qtype)]
    extra = sorted(set(response) - expected)
    if extra:
        return [_("An answer to this question holds no %(keys)s.") % {"keys": ", ".join(extra)}]
    missing = sorted(expected - set(response))
    if missing:
        return [_("The answer lacks %(keys)s.") % {"keys": ", ".join(missing)}]
    value = next(iter(response.values()))
    if isinstance(value, list) and len(value) > options:
        return [_("The answer lists more than the %(count)d offered.") % {"count": options}]
    if isinstance(value, dict) and (
        len(value) > options or not all(isinstance(k, str) and k.isdigit() for k in value)
    ):
        return [_("Match every item.")]
    if isinstance(value, list | dict):
        items = value.values() if isinstance(value, dict) else value
        if not all(_small_int(i) for i in items):
            return [_("Choose the answers from those offered, each at most once.")]
    if qtype == QuestionType.SHORT and isinstance(value, str) and len(value) > ANSWER_TEXT_MAX:
        return [_("The answer is longer than %(count)d characters.") % {"count": ANSWER_TEXT_MAX}]
    if qtype == QuestionType.NUMERIC and isinstance(value, str) and len(value) > NUMBER_TEXT_MAX:
        return [_("Type a number.")]
    problem = bidi_problem(value)
    return [problem] if problem else []


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
    elif bidi_problem(stem):
        errors["stem"] = [bidi_problem(stem)]
    problems = payload_problems(qtype, payload)
    problems += list(dict.fromkeys(filter(None, map(bidi_problem, _texts(payload)))))
    if problems:
        errors["payload"] = problems
    if errors:
        raise ValidationError(errors)
