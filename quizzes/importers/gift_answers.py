"""GIFT's answer blocks, one reader per question type, as Moodle reads them; and
the refusal they raise, located in the file."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from ..question_types import QuestionType
from .gift_text import _Text, restore
from .parsed import numeric_catch_all
from .text_formats import FORMATS, to_markdown

# Moodle: /^%\-*([0-9]{1,2})\.?([0-9]*)%/, then the text between the % signs / 100.
_WEIGHT = re.compile(r"^%\s*(-?\d+(?:\.\d*)?)\s*%")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


class _Refuse(Exception):
    """Refuses a question with one message, or several (each reported as its own
    located problem, never joined into one text)."""

    def __init__(self, message: str | list[str], place: tuple[int, int] | None = None):
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__(*self.messages)
        self.place = place


def _text_with_format(text: _Text, default_format: str) -> tuple[str, str]:
    """Moodle's parse_text_with_format: a leading [format] sets the format."""
    chars = text.chars.strip()
    text_format = default_format
    if chars.startswith("["):
        end = chars.find("]")
        if end > 0 and chars[1:end] in FORMATS:
            text_format = chars[1:end]
            chars = chars[end + 1 :]
    return restore(chars).strip(), text_format


def _markdown(text: _Text, default_format: str) -> str:
    chars, text_format = _text_with_format(text, default_format)
    return to_markdown(chars, text_format)


def _raw(text: _Text, default_format: str) -> str:
    """A text compared or shown as typed (short answers): format marker dropped."""
    return _text_with_format(text, default_format)[0]


def _with_feedback(answer: _Text, text_format: str) -> tuple[_Text, str]:
    """Moodle's commentparser: the answer, then feedback after the first #."""
    parts = answer.partition("#", 1)
    feedback = _markdown(parts[1], text_format) if len(parts) > 1 else ""
    return parts[0], feedback


def _weight(answer: _Text, default: float) -> tuple[float, _Text]:
    match = _WEIGHT.match(answer.chars)
    if not match:
        return default, answer
    percent = Decimal(match.group(1))
    if not -100 <= percent <= 100:
        raise _Refuse(
            _("The weight %(weight)s%% is outside -100%% to 100%%; use a weight in that range.")
            % {"weight": match.group(1)},
            answer.place(0),
        )
    return round(float(percent / 100), 7), answer[match.end() :]


def _answers(block: _Text, separators: str, keep: str = "") -> list[_Text]:
    """Moodle's explode, dropping an empty first piece."""
    pieces = block.split_before(separators, keep)
    if pieces and not pieces[0].strip().chars:
        pieces.pop(0)
    return [piece.strip() for piece in pieces]


def _multiple_choice(block: _Text, text_format: str) -> tuple[str, dict]:
    qtype = QuestionType.SINGLE if "=" in block.chars else QuestionType.MULTIPLE
    answers = _answers(block, "~=", keep="=")
    if len(answers) < 2:
        raise _Refuse(
            _("A choice question needs at least two answers, each starting with = or ~."),
            block.place(0),
        )
    choices = []
    for answer in answers:
        if answer.chars.startswith("="):
            fraction, answer = 1.0, answer[1:]
        else:
            fraction, answer = _weight(answer, 0.0)
        text, feedback = _with_feedback(answer, text_format)
        choices.append(
            {"text": _markdown(text, text_format), "fraction": fraction, "feedback": feedback}
        )
    return qtype, {"choices": choices}


def _matching(block: _Text, text_format: str) -> tuple[str, dict]:
    pairs, distractors = [], []
    for answer in _answers(block, "="):
        marker = answer.find("->")
        if marker < 0:
            raise _Refuse(
                _("This matching answer has no “->”; write each pair as “=left -> right”."),
                answer.place(0),
            )
        left = _markdown(answer[:marker], text_format)
        right = restore(answer[marker + 2 :].chars).strip()
        if left:
            pairs.append({"left": left, "right": right})
        elif right:
            distractors.append(right)  # "= -> Chat": a right side nothing matches
    if len(pairs) < 2:
        raise _Refuse(
            _("A matching question needs at least two pairs, each written “=left -> right”."),
            block.place(0),
        )
    return QuestionType.MATCHING, {"pairs": pairs, "distractors": distractors}


def _true_false(block: _Text, text_format: str) -> tuple[str, dict]:
    # Moodle: answer#feedback for a wrong answer#feedback for a right answer.
    parts = block.partition("#", 2)
    answer = _TRUE_FALSE[_raw(parts[0], text_format)]
    wrong = _markdown(parts[1], text_format) if len(parts) > 1 else ""
    right = _markdown(parts[2], text_format) if len(parts) > 2 else ""
    return QuestionType.TRUE_FALSE, {
        "answer": answer,
        "feedback_true": right if answer else wrong,
        "feedback_false": wrong if answer else right,
    }


def _short(block: _Text, text_format: str) -> tuple[str, dict]:
    answers = []
    for answer in _answers(block, "="):
        fraction, answer = _weight(answer, 1.0)
        text, feedback = _with_feedback(answer, text_format)
        answers.append(
            {"text": _raw(text, text_format), "fraction": fraction, "feedback": feedback}
        )
    if not answers:
        raise _Refuse(
            _("A short-answer question needs at least one answer, written “=answer”."),
            block.place(0),
        )
    return QuestionType.SHORT, {"answers": answers}


def _decimal(text: str, place: tuple[int, int]) -> Decimal:
    text = text.strip()
    if not _NUMBER.match(text):
        raise _Refuse(
            _(
                "“%(text)s” is not a number; write a numeric answer as 1822, 3.14:0.01 or 3.141..3.142."
            )
            % {"text": text},
            place,
        )
    return Decimal(text)


def _numeric(block: _Text, text_format: str) -> tuple[str, dict]:
    block = block[1:]  # the leading "#"
    wrong = None
    tilde = block.find("~")
    if tilde >= 0:
        # Everything from the first ~ is feedback for any other answer.
        wrong, block = block[tilde:], block[:tilde]
    answers = []
    for answer in _answers(block, "="):
        fraction, answer = _weight(answer, 1.0)
        text, feedback = _with_feedback(answer, text_format)
        value_text, place = _raw(text, text_format), text.place(0)
        if value_text == "*":
            # Moodle's catch-all. (A slip in Moodle's code makes anything that is not a
            # number one too; here that is refused, as Moodle's documentation intends.)
            answers.append(numeric_catch_all(feedback) | {"fraction": fraction})
            continue
        if value_text.find("..") > 0:
            low, high = (_decimal(part, place) for part in value_text.split("..", 1))
            if low > high:
                raise _Refuse(
                    _(
                        "In the range %(range)s the larger number comes first; write the smaller one first."
                    )
                    % {"range": value_text},
                    place,
                )
            value, tolerance = (low + high) / 2, (high - low) / 2
        elif value_text.find(":") > 0:
            value_part, tolerance_part = value_text.split(":", 1)
            value, tolerance = _decimal(value_part, place), _decimal(tolerance_part, place)
        else:
            value, tolerance = _decimal(value_text, place), Decimal(0)
        answers.append(
            {
                "value": float(value),
                "tolerance": abs(float(tolerance)),
                "tolerance_kind": "absolute",
                "fraction": fraction,
                "feedback": feedback,
            }
        )
    if not answers:
        raise _Refuse(
            _("A numeric question needs at least one number after the #, such as {#1822}."),
            block.place(0),
        )
    if wrong is not None:
        feedback = _with_feedback(wrong, text_format)[1]
        if feedback:
            answers.append(numeric_catch_all(feedback))
    return QuestionType.NUMERIC, {"answers": answers, "unit": ""}


def _question_type(block: str):
    """Moodle's order of tests on the answer block."""
    if block.startswith("#"):
        return _numeric
    if "~" in block:
        return _multiple_choice
    if "=" in block and "->" in block:
        return _matching
    hash_at = block.find("#")
    check = block[:hash_at].strip() if hash_at > 0 else block
    return _true_false if check in _TRUE_FALSE else _short
