"""The answers of a question as a trainer types them, line by line, and back.

One line per choice, answer, item or pair, so a question can be written in
the admin without knowing the payload's shape (question_types documents it):

choices   * 3.25%              right (several * share the credit in multiple choice)
          [50%] 身份證          an explicit weight; [-100%] penalises a wrong pick
          2.75% // 這是活期利率   text after // is the feedback of that choice
answers   LPR // 對              short answer: accepted answers; [50%] for partial credit;
          *                    a line with only * accepts anything else
numbers   3.45 ± 0.05          numeric: value, tolerance (absolute, or with %: percent)
          1000 ± 5%            "+-" works as well as "±"; [50%] for partial credit
items     one per line, in the right order (ordering)
pairs     左 => 右; a line "=> 右" adds a distractor (matching)
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .normalise import parse_number
from .question_types import QuestionType

_WEIGHT = re.compile(r"^\[\s*(-?\d+(?:\.\d+)?)\s*%\s*\]\s*")
_NUMBER = re.compile(r"^(?P<value>[^±+]+?)\s*(?:(?:±|\+-|\+/-)\s*(?P<tol>[\d.,]+)\s*(?P<pct>%)?)?$")


class LinesInvalid(ValueError):
    """`problems` maps a form field to its located messages."""

    def __init__(self, problems: dict[str, list[str]]):
        super().__init__(problems)
        self.problems = problems


def _lines(text: str) -> list[tuple[int, str]]:
    return [
        (n, line.strip()) for n, line in enumerate((text or "").splitlines(), 1) if line.strip()
    ]


def _split_feedback(line: str) -> tuple[str, str]:
    text, _sep, feedback = line.partition("//")
    return text.strip(), feedback.strip()


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_number(value: float | int) -> str:
    """The number exactly, as a person writes it: every digit that tells it
    apart from its neighbours (Python's shortest round-trip form), never an
    exponent, no trailing zeros: 7777777, 0.0000001, 4200000.5. Read back by
    parse_number, it is the same float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _plain(Decimal(value))
    return _plain(Decimal(repr(float(value))))


def _weight(line: str) -> tuple[float | None, str]:
    match = _WEIGHT.match(line)
    if not match:
        return None, line
    # In decimal, so that the percentage _format_weight shows reads back as the same fraction.
    return float(Decimal(match.group(1)) / 100), line[match.end() :]


def _format_weight(fraction: float) -> str:
    return f"[{_plain(Decimal(repr(float(fraction))) * 100)}%] "


def _choices(text: str, multiple: bool, problems: dict) -> dict:
    choices, starred = [], []
    for number, line in _lines(text):
        weight, rest = _weight(line)
        star = rest.startswith("*")
        body, feedback = _split_feedback(rest[1:] if star else rest)
        if not body:
            problems.setdefault("choices", []).append(
                _("Line %(line)d: the choice has no text.") % {"line": number}
            )
            continue
        if weight is not None and not -1 <= weight <= 1:
            problems.setdefault("choices", []).append(
                _("Line %(line)d: weights run from -100%% to 100%%.") % {"line": number}
            )
        choices.append(
            {"text": body, "fraction": weight if weight is not None else 0.0, "feedback": feedback}
        )
        if star:
            starred.append(len(choices) - 1)
    for index in starred:
        choices[index]["fraction"] = 1.0 / len(starred) if multiple else 1.0
    return {"choices": choices}


def _short(text: str, problems: dict) -> dict:
    answers = []
    for _number, line in _lines(text):
        weight, rest = _weight(line)
        body, feedback = _split_feedback(rest)
        answers.append(
            {"text": body, "fraction": 1.0 if weight is None else weight, "feedback": feedback}
        )
    return {"answers": answers}


def _numeric(text: str, unit: str, problems: dict) -> dict:
    answers = []
    for number, line in _lines(text):
        weight, rest = _weight(line)
        body, feedback = _split_feedback(rest)
        match = _NUMBER.match(body)
        value = parse_number(match.group("value")) if match else None
        if value is None:
            problems.setdefault("numbers", []).append(
                _("Line %(line)d: write a number, such as 3.45 ± 0.05 or 1000 ± 5%%.")
                % {"line": number}
            )
            continue
        tolerance = parse_number(match.group("tol") or "0") or 0.0
        answers.append(
            {
                "value": value,
                "tolerance": tolerance,
                "tolerance_kind": "percent" if match.group("pct") else "absolute",
                "fraction": 1.0 if weight is None else weight,
                "feedback": feedback,
            }
        )
    return {"answers": answers, "unit": unit.strip()}


def _pairs(text: str, problems: dict) -> dict:
    pairs, distractors = [], []
    for number, line in _lines(text):
        left, arrow, right = line.partition("=>")
        if not arrow or not right.strip():
            problems.setdefault("pairs", []).append(
                _("Line %(line)d: write a pair as “left => right”.") % {"line": number}
            )
        elif left.strip():
            pairs.append({"left": left.strip(), "right": right.strip()})
        else:
            distractors.append(right.strip())
    return {"pairs": pairs, "distractors": distractors}


def payload_from_fields(qtype: str, fields: dict, *, base: dict | None = None) -> dict:
    """Build a payload from the form's line fields; raises LinesInvalid with located problems.
    `base`, the payload being edited, keeps what the lines do not show (true/false feedback)."""
    problems: dict[str, list[str]] = {}
    qtype = QuestionType(qtype)
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        payload = _choices(fields.get("choices", ""), qtype == QuestionType.MULTIPLE, problems)
    elif qtype == QuestionType.TRUE_FALSE:
        base = base or {}
        payload = {
            "answer": fields.get("true_or_false") == "true",
            "feedback_true": base.get("feedback_true", ""),
            "feedback_false": base.get("feedback_false", ""),
        }
    elif qtype == QuestionType.SHORT:
        payload = _short(fields.get("answers", ""), problems)
    elif qtype == QuestionType.NUMERIC:
        payload = _numeric(fields.get("numbers", ""), fields.get("unit", ""), problems)
    elif qtype == QuestionType.ORDERING:
        payload = {"items": [line for _n, line in _lines(fields.get("items", ""))]}
    elif qtype == QuestionType.MATCHING:
        payload = _pairs(fields.get("pairs", ""), problems)
    else:
        payload = {"back": (fields.get("back") or "").strip()}
    if problems:
        raise LinesInvalid(problems)
    return payload


def fields_from_payload(qtype: str, payload: dict) -> dict:
    """The line fields that give back `payload`, to edit an existing question."""
    qtype = QuestionType(qtype)

    def feedback(item):
        return f" // {item['feedback']}" if item.get("feedback") else ""

    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        lines = []
        positive = [c["fraction"] for c in payload["choices"] if c.get("fraction", 0) > 0]
        # A * stands for exactly the fraction _choices gives it back: 1 in single
        # choice, an even share of 1 in multiple choice. Anything else is a weight.
        star = 1.0 if qtype == QuestionType.SINGLE else 1.0 / max(len(positive), 1)
        even = all(fraction == star for fraction in positive)
        for choice in payload["choices"]:
            fraction = choice.get("fraction", 0)
            if fraction > 0 and even:
                prefix = "* "
            elif fraction:
                prefix = _format_weight(fraction)
            else:
                prefix = ""
            lines.append(f"{prefix}{choice['text']}{feedback(choice)}")
        return {"choices": "\n".join(lines)}
    if qtype == QuestionType.TRUE_FALSE:
        return {"true_or_false": "true" if payload.get("answer") else "false"}
    if qtype == QuestionType.SHORT:
        return {
            "answers": "\n".join(
                f"{'' if a.get('fraction', 1) == 1 else _format_weight(a['fraction'])}{a['text']}{feedback(a)}"
                for a in payload["answers"]
            )
        }
    if qtype == QuestionType.NUMERIC:
        lines = []
        for a in payload["answers"]:
            weight = "" if a.get("fraction", 1) == 1 else _format_weight(a["fraction"])
            tolerance = a.get("tolerance") or 0
            suffix = "%" if a.get("tolerance_kind") == "percent" else ""
            lines.append(
                f"{weight}{format_number(a['value'])} ± {format_number(tolerance)}{suffix}{feedback(a)}"
            )
        return {"numbers": "\n".join(lines), "unit": payload.get("unit", "")}
    if qtype == QuestionType.ORDERING:
        return {"items": "\n".join(payload["items"])}
    if qtype == QuestionType.MATCHING:
        lines = [f"{p['left']} => {p['right']}" for p in payload["pairs"]]
        lines += [f"=> {d}" for d in payload.get("distractors", [])]
        return {"pairs": "\n".join(lines)}
    return {"back": payload.get("back", "")}
