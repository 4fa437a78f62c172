"""Questions from a CSV or XLSX sheet: one question per row, under a header
row. Headers may be written in English or Chinese (COLUMN_ALIASES);
TEMPLATE_COLUMNS lists the template's columns and `template_csv()` gives its
header with one example row of each type (both in spreadsheet_columns.py).

Columns:

type (題型, required)
    single 單選, multiple 多選, true_false 判斷, short 簡答 or 填空,
    numeric 數值, ordering 排序, matching 配對, recall 記憶卡
    (the codes, these names in either script, or the type names of the site).
stem (題幹, required)
    the question, in Markdown; the front of a recall card.
name (名稱)
    defaults to the first 60 characters of the stem.
category (分類), topic (主題)
    the category path "A/B/C" and the topic's name or code.
difficulty (難度)
    1 (easy) to 5 (hard); empty leaves the bank's default.
option_1 … option_8 (選項1 … 選項8), filled from option_1 on without gaps:
    single, multiple: the choices. `correct` (正確選項) lists the right ones
    by number or letter ("1;3" or "A;C"); `weights` (權重) optionally gives
    their percentages in the same order ("50;50", negative for a penalty).
    Without weights a right choice of a single-choice question is worth 100%,
    and the right choices of a multiple-answer question share 100% equally.
    short: the accepted answers ("*" accepts anything); `weights` optionally
    gives each one's percentage, in order.
    ordering: the items in their correct order.
    matching: "left => right" pairs; "=> right" alone is a distractor.
answer (答案)
    numeric: the number; true_false: true or false (對/錯, 是/否, T/F).
tolerance (容差), tolerance_kind (容差類型), unit (單位)
    numeric only: how far off an answer may be, absolute (絕對, the default)
    or percent (百分比, also written as "5%" in tolerance), and the unit.
back (背面)
    recall: the back of the card.
feedback (解析)
    general feedback shown after answering, in Markdown.

Every problem is reported with its row and column, and the file is then
refused as a whole.
"""

import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tabular.reading import TableError, TableRow, read_table

from ..question_types import CHOICE_TYPES, QuestionType
from .limits import (
    CATEGORY_LEVELS,
    CATEGORY_NAME_LENGTH,
    NAME_LENGTH,
    TOPIC_LENGTH,
    UNIT_LENGTH,
    control_message,
    first_control,
    shown,
    too_deep_message,
    too_long_message,
)
from .parsed import ImportProblem, ParsedQuestion, ParseResult, content_problems
from .spreadsheet_answers import _PAYLOAD_READERS, _fold, _RowProblems
from .spreadsheet_columns import (
    COLUMN_ALIASES,
    LABELS,
    OPTIONS,
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    TemplateColumn,
    template_csv,
)
from .text_formats import default_name

__all__ = [
    "COLUMN_ALIASES",
    "TEMPLATE_COLUMNS",
    "TemplateColumn",
    "parse_spreadsheet",
    "read_spreadsheet",
    "template_csv",
]

_TYPE_NAMES = {
    QuestionType.SINGLE: {"單選", "单选", "單選題", "单选题", "單項選擇", "单项选择"},
    QuestionType.MULTIPLE: {"多選", "多选", "多選題", "多选题", "多項選擇", "多项选择"},
    QuestionType.TRUE_FALSE: {"判斷", "判断", "判斷題", "判断题", "是非", "是非題", "是非题"},
    QuestionType.SHORT: {"簡答", "简答", "簡答題", "简答题", "填空", "填空題", "填空题"},
    QuestionType.NUMERIC: {"數值", "数值", "數值題", "数值题"},
    QuestionType.ORDERING: {"排序", "排序題", "排序题"},
    QuestionType.MATCHING: {"配對", "配对", "配對題", "配对题"},
    QuestionType.RECALL: {"記憶卡", "记忆卡"},
}
# The names an unknown type is answered with, one for each type in _TYPE_NAMES.
_TYPE_HINT = ("單選", "多選", "判斷", "簡答", "數值", "排序", "配對", "記憶卡")
_CATEGORY_SEPARATORS = re.compile(r"[/>＞／]")

# Which of the optional columns each type reads; a value elsewhere is a mistake.
_USES = {
    QuestionType.SINGLE: {"options", "correct", "weights"},
    QuestionType.MULTIPLE: {"options", "correct", "weights"},
    QuestionType.TRUE_FALSE: {"answer"},
    QuestionType.SHORT: {"options", "weights"},
    QuestionType.NUMERIC: {"answer", "tolerance", "tolerance_kind", "unit"},
    QuestionType.ORDERING: {"options"},
    QuestionType.MATCHING: {"options"},
    QuestionType.RECALL: {"back"},
}
_TYPE_COLUMNS = ("correct", "weights", "answer", "tolerance", "tolerance_kind", "unit", "back")


def _type_lookup() -> dict[str, QuestionType]:
    lookup = {}
    for qtype in QuestionType:
        lookup[qtype.value] = qtype
        for name in _TYPE_NAMES[qtype]:
            lookup[name] = qtype
        for language in ("en", "zh-hant", "zh-hans"):
            with translation.override(language):
                lookup[str(qtype.label).lower()] = qtype
    return lookup


def _located(problem) -> str:
    """A problem of the table reader, placed the way this importer places its own."""
    if problem.heading in LABELS:
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": problem.row,
            "column": LABELS[problem.heading],
            "message": problem.message,
        }
    return str(problem)


def _category(text: str) -> str:
    return "/".join(part.strip() for part in _CATEGORY_SEPARATORS.split(text) if part.strip())


def _difficulty(text: str, report: _RowProblems) -> int | None:
    text = _fold(text)
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    report.add("difficulty", _("Difficulty is a whole number from 1 (easy) to 5 (hard)."))
    return None


_LENGTHS = {"name": NAME_LENGTH, "topic": TOPIC_LENGTH, "unit": UNIT_LENGTH}


def _check_cells(values: dict, report: _RowProblems) -> None:
    """Control characters anywhere, and values longer than their columns."""
    for name, value in values.items():
        index = first_control(value)
        if index is not None:
            report.add(name, control_message(value[index]))
        elif len(value) > _LENGTHS.get(name, len(value)):
            report.add(name, too_long_message(len(value), _LENGTHS[name]))
    parts = [part for part in _category(values.get("category", "")).split("/") if part]
    for part in parts:
        if len(part) > CATEGORY_NAME_LENGTH:
            report.add("category", too_long_message(len(part), CATEGORY_NAME_LENGTH))
    if len(parts) > CATEGORY_LEVELS:
        report.add("category", too_deep_message(len(parts), CATEGORY_LEVELS))


def _read_row(row: TableRow, columns: list[str], types: dict) -> tuple[ParsedQuestion | None, list]:
    values = row.values
    report = _RowProblems(row, columns)
    _check_cells(values, report)
    type_text = values.get("type", "")
    qtype = types.get(_fold(type_text)) or types.get(type_text.strip())
    if not type_text:
        report.add("type", _("Give the question type, such as 單選 or single."))
    elif qtype is None:
        report.add(
            "type",
            _("“%(value)s” is not a question type; use one of %(types)s.")
            % {"value": type_text, "types": pgettext("list separator", ", ").join(_TYPE_HINT)},
        )
    stem = values.get("stem", "")
    if not stem:
        report.add("stem", _("Write the question."))
    difficulty = _difficulty(values.get("difficulty", ""), report)
    if qtype is None:
        return None, report.problems

    uses = _USES[qtype]
    label = str(qtype.label)
    for name in _TYPE_COLUMNS:
        if values.get(name) and name not in uses:
            report.add(
                name,
                _("%(type)s questions do not use this column; leave it empty.") % {"type": label},
            )
    if "options" not in uses:
        for name in OPTIONS:
            if values.get(name):
                report.add(
                    name,
                    _("%(type)s questions do not use options; leave them empty.") % {"type": label},
                )
    payload = _PAYLOAD_READERS[qtype](values, report)
    if payload is not None and stem:
        column = "correct" if qtype in CHOICE_TYPES else None
        column = "weights" if values.get("weights") else column
        for problem in content_problems(qtype, stem, payload):
            report.add(column, problem)
    if report.problems:
        return None, report.problems
    question = ParsedQuestion(
        line=row.number,
        qtype=str(qtype),
        name=values.get("name")
        or default_name(stem)
        or _("Question in row %(row)d") % {"row": row.number},
        stem=stem,
        payload=payload,
        general_feedback=values.get("feedback", ""),
        category=_category(values.get("category", "")),
        topic=values.get("topic", ""),
        difficulty=difficulty,
    )
    return question, []


def read_spreadsheet(file_name: str, data: bytes, max_rows: int = 5000) -> ParseResult:
    """Every question and every problem of a CSV or XLSX sheet."""
    result = ParseResult()
    try:
        table = read_table(
            file_name=file_name,
            data=data,
            aliases=COLUMN_ALIASES,
            required=REQUIRED_COLUMNS,
            max_rows=max_rows,
        )
    except TableError as error:
        # The reader locates what it refuses (a control character, a formula,
        # an oversized cell) by row and column: keep those places.
        for problem in error.problems:
            result.problems.append(
                ImportProblem(problem.row, problem.column, shown(_located(problem)))
            )
        if not error.problems:
            result.problems.append(ImportProblem(None, None, shown(error.message)))
        return result
    types = _type_lookup()
    for row in table.rows:
        question, problems = _read_row(row, table.columns, types)
        if question:
            result.questions.append(question)
        result.problems.extend(problems)
    return result


def parse_spreadsheet(file_name: str, data: bytes, max_rows: int = 5000) -> list[ParsedQuestion]:
    """The questions of a CSV or XLSX sheet; ImportRefused with every problem if any."""
    return read_spreadsheet(file_name, data, max_rows).questions_or_refuse()
