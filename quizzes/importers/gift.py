"""GIFT, Moodle's text format for questions, read the way Moodle reads it
(question/format/gift/format.php): same types, answers, weights, tolerances
and feedback.

Questions are separated by blank lines; lines starting with // are comments.
`::name::` names a question, `$CATEGORY: A/B` sets the category of those that
follow, `[markdown]`, `[html]`, `[plain]` or `[moodle]` in front of a text sets
its format, and `\\~ \\= \\# \\{ \\} \\: \\\\ \\n` escape. The answer block `{...}` decides the
type, in Moodle's order: empty (essay, not supported), `#` numeric, any `~`
multiple choice, `=` with `->` matching, `T`/`TRUE`/`F`/`FALSE` true or false,
otherwise short answer. A multiple-choice block with an `=` answer is single
choice; without one it is multiple answer. An answer block inside the sentence
leaves a blank `_____` in the stem (missing word).

What Moodle would refuse or GIFT cannot say here (essays, descriptions,
malformed blocks) is collected as a problem with its line, and the file is
then refused as a whole.
"""

import re
from array import array
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ..question_types import QuestionType
from .limits import (
    CATEGORY_LEVELS,
    CATEGORY_NAME_LENGTH,
    NAME_LENGTH,
    control_message,
    first_control,
    shown,
    too_deep_message,
    too_long_message,
)
from .parsed import (
    ImportProblem,
    ParsedQuestion,
    ParseResult,
    content_problems,
    numeric_catch_all,
)
from .text_formats import FORMATS, MOODLE, default_name, to_markdown

# Escaped control characters become private-use characters while the question
# is taken apart, so they never act as syntax, and are restored in the texts.
_ESCAPES = {
    ":": "\ue000",
    "#": "\ue001",
    "=": "\ue002",
    "{": "\ue003",
    "}": "\ue004",
    "~": "\ue005",
}
_NEWLINE = "\ue006"
_RESTORE = str.maketrans({v: k for k, v in _ESCAPES.items()} | {_NEWLINE: "\n"})
# Where a missing-word answer block was; becomes "_____" after escaping for Markdown.
_BLANK = "\ue010"
BLANK = "_____"

# Moodle: /^%\-*([0-9]{1,2})\.?([0-9]*)%/, then the text between the % signs / 100.
_WEIGHT = re.compile(r"^%\s*(-?\d+(?:\.\d*)?)\s*%")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CONTEXT = re.compile(r"^\$\w+\$$")  # $course$, $system$... in Moodle's category paths


def restore(text: str) -> str:
    return text.translate(_RESTORE)


def _position(line: int, column: int) -> int:
    return line << 32 | column


@dataclass(frozen=True)
class _Text:
    """A piece of a question's text that remembers where each character came from."""

    chars: str
    where: array  # _position(line, column) of each character, 8 bytes apiece

    def __len__(self):
        return len(self.chars)

    def __getitem__(self, index: slice) -> "_Text":
        return _Text(self.chars[index], self.where[index])

    def __add__(self, other: "_Text") -> "_Text":
        return _Text(self.chars + other.chars, self.where + other.where)

    def strip(self) -> "_Text":
        start = len(self.chars) - len(self.chars.lstrip())
        end = len(self.chars.rstrip())
        return self[start:end] if start < end else self[0:0]

    def find(self, sub: str, start: int = 0) -> int:
        return self.chars.find(sub, start)

    def place(self, index: int = 0) -> tuple[int, int]:
        """(line, column) of a character; past the end, of the last one."""
        if not self.where:
            return (0, 0)
        position = self.where[min(max(index, 0), len(self.where) - 1)]
        return position >> 32, position & 0xFFFFFFFF

    def split_before(self, separators: str, keep: str = "") -> list["_Text"]:
        """Split at each separator; those in `keep` start the next piece."""
        pieces, start = [], 0
        for index, char in enumerate(self.chars):
            if char in separators:
                pieces.append(self[start:index])
                start = index if char in keep else index + 1
        pieces.append(self[start:])
        return pieces

    def partition(self, separator: str, count: int) -> list["_Text"]:
        """Like str.split(separator, count)."""
        pieces, start = [], 0
        while len(pieces) < count:
            found = self.find(separator, start)
            if found < 0:
                break
            pieces.append(self[start:found])
            start = found + len(separator)
        pieces.append(self[start:])
        return pieces


def _unescape_line(line: str, number: int, offset: int, chars: list, where: array) -> None:
    """Append the line's characters, escapes replaced, to chars and where."""
    if "\\" not in line:  # the common case, done in bulk
        chars.append(line)
        first = _position(number, offset + 1)
        where.extend(range(first, first + len(line)))
        return
    index = 0
    while index < len(line):
        char = line[index]
        following = line[index + 1] if index + 1 < len(line) else ""
        where.append(_position(number, offset + index + 1))
        if char == "\\" and following == "\\":
            chars.append("\\")
            index += 2
        elif char == "\\" and following in _ESCAPES:
            chars.append(_ESCAPES[following])
            index += 2
        elif char == "\\" and following == "n":
            chars.append(_NEWLINE)
            index += 2
        else:
            chars.append(char)
            index += 1


def _blocks(text: str):
    """Yield each question's text: Moodle splits at blank lines, trims every
    line and drops comment lines."""
    chars: list[str] = []
    where = array("Q")
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if chars:
                yield _Text("".join(chars), where)
            chars, where = [], array("Q")
            continue
        if line.startswith("//"):
            continue
        if chars:
            chars.append("\n")
            where.append(_position(number, 0))
        _unescape_line(line, number, len(raw) - len(raw.lstrip()), chars, where)
    if chars:
        yield _Text("".join(chars), where)


class _Refuse(Exception):
    """Refuses a question with one message, or several (each reported as its own
    located problem, never joined into one text)."""

    def __init__(self, message: str | list[str], place: tuple[int, int] | None = None):
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__(*self.messages)
        self.place = place


def _problem(line: int, column: int | None, message: str) -> ImportProblem:
    if column:
        located = _("Line %(line)d, column %(column)d: %(message)s")
    else:
        located = _("Line %(line)d: %(message)s")
    return ImportProblem(
        line, column or None, located % {"line": line, "column": column or 0, "message": message}
    )


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


def category_path(text: str) -> str:
    """Moodle's "$course$/top/A/B" is the path "A/B"."""
    parts = [part.strip() for part in restore(text).split("/")]
    if parts and _CONTEXT.match(parts[0]):
        parts.pop(0)
    if parts and parts[0] == "top":
        parts.pop(0)
    return "/".join(part for part in parts if part)


def _read_question(text: _Text, category: str) -> ParsedQuestion:
    line = text.place(0)[0]
    name = None
    if text.chars.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:
            name = " ".join(restore(text[:end].chars).split())
            if len(name) > NAME_LENGTH:
                raise _Refuse(too_long_message(len(name), NAME_LENGTH), text.place(0))
            text = text[end + 2 :].strip()

    start, finish = text.find("{"), text.find("}")
    if start >= 0 and (finish < 0 or 0 <= text.find("{", start + 1) < finish):
        # Unclosed: a { before the first }, or none at all, belongs to the next
        # question (or is a typo); the mistake is where this block opens.
        finish = -1
    if start < 0 and finish < 0:
        raise _Refuse(
            _(
                "This item has no answer block {…}. Descriptions without answers are not "
                "supported; add answers or remove it."
            ),
            (line, 0),
        )
    if start < 0 or 0 <= finish < start:
        raise _Refuse(
            _("A } comes before any {; write \\} for a literal brace."), text.place(finish)
        )
    if finish < 0:
        raise _Refuse(
            _("The answer block has no closing }; close it, or write \\{ for a literal brace."),
            text.place(start),
        )
    block = text[start + 1 : finish].strip()
    extra = next(
        (i for i, c in enumerate(text.chars) if c in "{}" and i not in (start, finish)), None
    )
    if extra is not None and text.chars[extra] == "{" and text.find("}", extra) < 0:
        raise _Refuse(
            _("The answer block has no closing }; close it, or write \\{ for a literal brace."),
            text.place(extra),
        )
    if extra is not None:
        raise _Refuse(
            _("A question has only one answer block {…}; write \\{ or \\} for a literal brace."),
            text.place(extra),
        )

    if text.chars.endswith("}"):
        stem_text = text[:start]
    else:  # answers inside the sentence: leave a blank where they were
        stem_text = text[:start] + _Text(_BLANK, text.where[start : start + 1]) + text[finish + 1 :]

    general_feedback = ""
    separator = block.chars.rfind("####")
    if separator >= 0:
        general_feedback_text, block = block[separator + 4 :], block[:separator].strip()
    else:
        general_feedback_text = None

    stem_chars, stem_format = _text_with_format(stem_text, MOODLE)
    stem = to_markdown(stem_chars, stem_format).replace(_BLANK, BLANK)
    if general_feedback_text is not None:
        general_feedback = _markdown(general_feedback_text, stem_format)

    if not block.chars:
        raise _Refuse(
            _(
                "Essay questions ({} with nothing inside) are not supported; give the answers or remove the question."
            ),
            text.place(start),
        )
    qtype, payload = _question_type(block.chars)(block, stem_format)

    problems = content_problems(qtype, stem, payload)
    if problems:
        raise _Refuse(problems, (line, 0))
    return ParsedQuestion(
        line=line,
        qtype=str(qtype),
        name=name or default_name(stem) or _("Question on line %(line)d") % {"line": line},
        stem=stem,
        payload=payload,
        general_feedback=general_feedback,
        category=category,
    )


def read_gift(text: str) -> ParseResult:
    """Every question and every problem of a GIFT text."""
    result = ParseResult()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        index = first_control(line)
        if index is not None:
            result.problems.append(_problem(number, index + 1, control_message(line[index])))
    category = ""
    for block in _blocks(text):
        if block.chars.startswith("$CATEGORY:"):
            end = block.find("\n")
            category = category_path(block[len("$CATEGORY:") : end if end >= 0 else None].chars)
            longest = max(category.split("/"), key=len)
            if len(longest) > CATEGORY_NAME_LENGTH:
                at = block.find(longest)  # not found when the part has escapes
                line, column = block.place(at if at >= 0 else len("$CATEGORY:"))
                result.problems.append(
                    _problem(line, column, too_long_message(len(longest), CATEGORY_NAME_LENGTH))
                )
            levels = len(category.split("/")) if category else 0
            if levels > CATEGORY_LEVELS:
                line, column = block.place(len("$CATEGORY:"))
                result.problems.append(
                    _problem(line, column, too_deep_message(levels, CATEGORY_LEVELS))
                )
            if end < 0:
                continue
            block = block[end + 1 :].strip()  # Moodle wants a blank line here; accept its absence
        try:
            result.questions.append(_read_question(block, category))
        except _Refuse as refusal:
            line, column = refusal.place or block.place(0)
            result.problems.extend(
                _problem(line, column, shown(message)) for message in refusal.messages
            )
    return result


def parse_gift(text: str) -> list[ParsedQuestion]:
    """The questions of a GIFT text; ImportRefused with every problem if any."""
    return read_gift(text).questions_or_refuse()
