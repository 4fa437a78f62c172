"""What the parsers hand to the import service: questions in the shape of
quizzes.question_types, or the located problems that refuse the file."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..validation import payload_problems


@dataclass
class ParsedQuestion:
    line: int  # first line (text formats) or row (spreadsheets) of the question
    qtype: str  # a quizzes.question_types.QuestionType value
    name: str  # GIFT ::title::, else the stem's first 60 characters of plain text
    stem: str  # Markdown
    payload: dict  # exactly as documented in quizzes/question_types.py
    general_feedback: str = ""
    category: str = ""  # category path "A/B/C" ($CATEGORY: in GIFT, a column in spreadsheets)
    topic: str = ""  # spreadsheets only
    difficulty: int | None = None  # 1..5, spreadsheets only


@dataclass
class ImportProblem:
    line: int | None  # line (text formats) or row (spreadsheets); None for the whole file
    # column number in text formats where known, spreadsheet column index otherwise
    column: int | None
    message: str  # translated; names the place itself, so it can be shown alone

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


class ImportRefused(Exception):
    """The file is refused as a whole (imports are all-or-nothing); `problems` says why."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass
class ParseResult:
    """Everything a parser found: the questions it could read and the problems
    that will refuse the file. Useful for a preview; `parse_*` raise instead."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def questions_or_refuse(self) -> list[ParsedQuestion]:
        if self.problems:
            raise ImportRefused(sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0)))
        return self.questions


def content_problems(qtype: str, stem: str, payload: dict) -> list[str]:
    """The checks the question bank applies when saving, so that nothing the
    parsers return is refused later, after part of the file was saved."""
    problems = [] if stem.strip() else [_("Write the question.")]
    return problems + payload_problems(qtype, payload)


# Moodle's numeric "~#feedback" is a catch-all answer ("*"). The numeric
# payload wants a number, so the catch-all is any number: a zero-credit answer
# whose tolerance covers every finite value.
NUMERIC_CATCH_ALL_TOLERANCE = 1e300


def numeric_catch_all(feedback: str) -> dict:
    return {
        "value": 0.0,
        "tolerance": NUMERIC_CATCH_ALL_TOLERANCE,
        "tolerance_kind": "absolute",
        "fraction": 0.0,
        "feedback": feedback,
    }


def is_numeric_catch_all(answer: dict) -> bool:
    return answer.get("tolerance", 0) >= NUMERIC_CATCH_ALL_TOLERANCE and not answer.get("fraction")
