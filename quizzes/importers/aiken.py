"""Aiken, the one-line-per-part format for single-choice questions, read by
Moodle's rules (question/format/aiken/format.php):

    The question text, on one line
    A) First option
    B) Second option
    ANSWER: B

An option is a capital letter, then ")" or "." (the full-width ）．、 that
Chinese keyboards type are accepted too), then the text, with or without a
space. Lines shorter than two characters are skipped, as Moodle does. Texts
are plain: `<` and `&` show as typed. Malformed questions are reported with
their line, and the file is then refused as a whole.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..question_types import QuestionType
from .limits import control_message, first_control, shown
from .parsed import ImportProblem, ParsedQuestion, ParseResult, content_problems
from .text_formats import default_name, escape_plain

_OPTION = re.compile(r"^([A-Z])[).）．、][ \t]?")
_ANSWER = re.compile(r"^ANSWER[:：]")


@dataclass
class _Open:
    line: int
    text: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)


def _problem(line: int, message: str) -> ImportProblem:
    return ImportProblem(
        line, None, _("Line %(line)d: %(message)s") % {"line": line, "message": shown(message)}
    )


def _finish(
    question: _Open, answer_line: int, answer_text: str
) -> tuple[ParsedQuestion | None, list]:
    letters = [letter for letter, _text in question.options]
    if len(letters) < 2:
        return None, [
            _problem(
                question.line,
                _(
                    "The question has %(count)d option; give at least two, each on its own "
                    "line starting with A), B)…"
                )
                % {"count": len(letters)},
            )
        ]
    expected = [chr(ord("A") + index) for index in range(len(letters))]
    if letters != expected:
        return None, [
            _problem(
                question.line,
                _("Letter the options in order: %(letters)s.")
                % {"letters": pgettext("list separator", ", ").join(expected)},
            )
        ]
    right = answer_text[:1].upper()
    if right not in letters:
        return None, [
            _problem(
                answer_line,
                _("“ANSWER: %(answer)s” names no option of this question; use one of %(letters)s.")
                % {
                    "answer": answer_text,
                    "letters": pgettext("list separator", ", ").join(letters),
                },
            )
        ]
    stem = escape_plain(question.text)
    payload = {
        "choices": [
            {
                "text": escape_plain(text),
                "fraction": 1.0 if letter == right else 0.0,
                "feedback": "",
            }
            for letter, text in question.options
        ]
    }
    problems = content_problems(QuestionType.SINGLE, stem, payload)
    if problems:
        # One located problem per sentence, as the spreadsheet reader does:
        # sentences are never joined with a space (Chinese has none between them).
        return None, [_problem(question.line, problem) for problem in problems]
    parsed = ParsedQuestion(
        line=question.line,
        qtype=str(QuestionType.SINGLE),
        name=default_name(stem) or _("Question on line %(line)d") % {"line": question.line},
        stem=stem,
        payload=payload,
    )
    return parsed, []


def read_aiken(text: str) -> ParseResult:
    """Every question and every problem of an Aiken text."""
    result = ParseResult()
    question: _Open | None = None
    stray = False  # inside options or an ANSWER that no question text precedes
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        index = first_control(raw)
        if index is not None:
            result.problems.append(
                ImportProblem(
                    number,
                    index + 1,
                    _("Line %(line)d, column %(column)d: %(message)s")
                    % {"line": number, "column": index + 1, "message": control_message(raw[index])},
                )
            )
        line = raw.strip()
        if len(line) < 2:
            continue
        option = _OPTION.match(line)
        if option:
            if question is None:
                if not stray:
                    result.problems.append(
                        _problem(
                            number,
                            _(
                                "An option comes before any question text. Start each question "
                                "with its text on one line, then its options, then “ANSWER: ” "
                                "and the letter."
                            ),
                        )
                    )
                stray = True
                continue
            question.options.append((option.group(1), line[option.end() :].strip()))
        elif answer := _ANSWER.match(line):
            if question is None:
                if not stray:
                    result.problems.append(
                        _problem(
                            number,
                            _("An ANSWER line comes before any question text and its options."),
                        )
                    )
                stray = False
                continue
            parsed, problems = _finish(question, number, line[answer.end() :].strip())
            if parsed:
                result.questions.append(parsed)
            result.problems.extend(problems)
            question = None
        else:
            stray = False
            if question is not None:
                result.problems.append(_missing_answer(question))
            question = _Open(number, line)
    if question is not None:
        result.problems.append(_missing_answer(question))
    return result


def _missing_answer(question: _Open) -> ImportProblem:
    return _problem(
        question.line,
        _(
            "The question has no ANSWER line. End each question with a line such as "
            "“ANSWER: B”; a question text fits on one line."
        ),
    )


def parse_aiken(text: str) -> list[ParsedQuestion]:
    """The questions of an Aiken text; ImportRefused with every problem if any."""
    return read_aiken(text).questions_or_refuse()
