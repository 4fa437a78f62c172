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

from django.utils.translation import gettext as _

from .gift_answers import _markdown, _question_type, _Refuse, _text_with_format
from .gift_text import _BLANK, BLANK, _blocks, _Text, restore
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
from .parsed import ImportProblem, ParsedQuestion, ParseResult, content_problems
from .text_formats import MOODLE, default_name, to_markdown

_CONTEXT = re.compile(r"^\$\w+\$$")  # $course$, $system$... in Moodle's category paths


def _problem(line: int, column: int | None, message: str) -> ImportProblem:
    if column:
        located = _("Line %(line)d, column %(column)d: %(message)s")
    else:
        located = _("Line %(line)d: %(message)s")
    return ImportProblem(
        line, column or None, located % {"line": line, "column": column or 0, "message": message}
    )


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
