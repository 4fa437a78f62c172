"""Questions out as GIFT that parse_gift (and Moodle) read back.

Texts are Markdown, so every question is marked `[markdown]`; control
characters are escaped and line breaks written as `\\n`, so each question
stays one block. A question whose stem has one `_____` gets its answer block
there (a missing-word question). GIFT has no ordering questions, recall
cards, numeric units or percentage tolerances: ordering and recall are left
out with a comment line, a percentage tolerance is written as the absolute
margin it stands for, and a unit is dropped.
"""

from decimal import Decimal

from ..question_types import QuestionType
from .gift_text import BLANK
from .parsed import is_numeric_catch_all

_CONTROL = str.maketrans(
    {
        "\\": "\\\\",
        "#": "\\#",
        "=": "\\=",
        "~": "\\~",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)


class _Unwritable(Exception):
    """GIFT cannot say this question (its reason is in the message)."""


def escape(text: str) -> str:
    return (text or "").translate(_CONTROL)


def _text(text: str) -> str:
    """A Markdown text; one that starts with [ gets the format marker, so the
    [ is not taken for one."""
    escaped = escape(text)
    return "[markdown]" + escaped if escaped.startswith("[") else escaped


def _number(value: float) -> str:
    return (
        str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
    )


def _percent(fraction: float) -> str:
    percent = (Decimal(repr(float(fraction))) * 100).quantize(Decimal("0.00001")).normalize()
    return f"{percent:f}"


def _feedback(feedback: str) -> str:
    return "#" + _text(feedback) if feedback else ""


def _choices(qtype: str, payload: dict) -> list[str]:
    single = qtype == QuestionType.SINGLE
    lines = []
    for choice in payload["choices"]:
        fraction = choice.get("fraction", 0)
        if single and fraction == 1:
            mark = "="
        elif fraction == 0:
            mark = "~"
        else:
            mark = f"~%{_percent(fraction)}%"
        lines.append(mark + _text(choice["text"]) + _feedback(choice.get("feedback", "")))
    if single and all(line.startswith("=") for line in lines):
        # Without a ~ the block would read as a short answer.
        lines[-1] = "~%100%" + lines[-1][1:]
    return lines


def _true_false(payload: dict) -> list[str]:
    answer = payload["answer"]
    right = payload.get("feedback_true" if answer else "feedback_false", "")
    wrong = payload.get("feedback_false" if answer else "feedback_true", "")
    text = "TRUE" if answer else "FALSE"
    if wrong or right:
        text += "#" + _text(wrong)
    if right:
        text += "#" + _text(right)
    return [text]


def _short(payload: dict) -> list[str]:
    lines = []
    for answer in payload["answers"]:
        line = f"=%{_percent(answer.get('fraction', 1))}%" + _text(answer["text"])
        line += _feedback(answer.get("feedback", ""))
        if "->" in line:
            # A short-answer block with = and -> reads as matching, and GIFT has no escape for ->.
            raise _Unwritable("“->” in a short answer")
        lines.append(line)
    return lines


def _numeric(payload: dict) -> list[str]:
    lines = []
    for answer in payload["answers"]:
        if is_numeric_catch_all(answer):
            lines.append("~" + (_feedback(answer.get("feedback", "")) or "#"))
            continue
        value, tolerance = answer["value"], abs(answer.get("tolerance", 0) or 0)
        if answer.get("tolerance_kind") == "percent":
            tolerance = abs(value) * tolerance / 100
        line = f"=%{_percent(answer.get('fraction', 1))}%{_number(value)}:{_number(tolerance)}"
        lines.append(line + _feedback(answer.get("feedback", "")))
    # Everything after the first ~ is read as the catch-all's feedback, so it goes last.
    return sorted(lines, key=lambda line: line.startswith("~"))


def _matching(payload: dict) -> list[str]:
    lines = []
    for pair in payload["pairs"]:
        if "->" in pair["left"]:
            raise _Unwritable("“->” in the left side of a pair")
        lines.append("=" + _text(pair["left"]) + " -> " + escape(pair["right"]))
    lines += ["= -> " + escape(distractor) for distractor in payload.get("distractors", [])]
    return lines


_WRITERS = {
    QuestionType.SINGLE: lambda payload: _choices(QuestionType.SINGLE, payload),
    QuestionType.MULTIPLE: lambda payload: _choices(QuestionType.MULTIPLE, payload),
    QuestionType.TRUE_FALSE: _true_false,
    QuestionType.SHORT: _short,
    QuestionType.NUMERIC: _numeric,
    QuestionType.MATCHING: _matching,
}


def _question(question) -> str:
    lines = _WRITERS[question.qtype](question.payload)
    if question.general_feedback:
        lines.append("####" + _text(question.general_feedback))
    prefix = "{#" if question.qtype == QuestionType.NUMERIC else "{"
    block = prefix + "\n" + "".join(f"\t{line}\n" for line in lines) + "}"
    head = f"::{escape(question.name)}::[markdown]"
    before, blank, after = question.stem.partition(BLANK)
    if blank and BLANK not in after and after.strip():
        # Moodle trims the text, so only a blank with text after it can be put back in place.
        return head + escape(before) + block + escape(after)
    return head + escape(question.stem) + block


def _skipped(question, reason: str) -> str:
    name = " ".join(str(question.name).split())
    return f"// skipped: {name} ({reason})"


def export_gift(questions) -> str:
    """GIFT for `questions` (anything with name, qtype, stem, payload,
    general_feedback and category, such as ParsedQuestion)."""
    parts = []
    category = ""
    for question in questions:
        if question.qtype not in _WRITERS:
            parts.append(_skipped(question, f"{question.qtype} has no GIFT form"))
            continue
        try:
            text = _question(question)
        except _Unwritable as reason:
            parts.append(_skipped(question, f"{question.qtype}: {reason} has no GIFT form"))
            continue
        if (question.category or "") != category:
            category = question.category or ""
            parts.append(f"$CATEGORY: {category}".rstrip())
        parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""
