"""The answer columns of a question sheet's row, read by question type into the
question's payload; each problem is reported with its row and column."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tabular.reading import TableRow

from ..question_types import QuestionType
from .limits import shown
from .parsed import ImportProblem
from .spreadsheet_columns import LABELS, OPTIONS

_TRUE = {"true", "t", "yes", "y", "1", "對", "对", "是", "正確", "正确", "√", "✓"}
_FALSE = {"false", "f", "no", "n", "0", "錯", "错", "否", "錯誤", "错误", "×", "✗"}
_TOLERANCE_KINDS = {
    "absolute": {"absolute", "abs", "絕對", "绝对", "絕對值", "绝对值"},
    "percent": {"percent", "percentage", "%", "百分比", "百分比例"},
}
_LIST_SEPARATORS = re.compile(r"[;,、|；，\s]+")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_PAIR = re.compile(r"=>|->|→")


def _fold(text: str) -> str:
    """Full-width letters, digits and punctuation as half-width, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


class _RowProblems:
    def __init__(self, row: TableRow, columns: list[str]):
        self.row = row
        self.columns = columns
        self.problems: list[ImportProblem] = []

    def add(self, column: str | None, message: str) -> None:
        message = shown(message)
        if column is None:
            located = _("Row %(row)d: %(message)s") % {"row": self.row.number, "message": message}
            index = None
        else:
            located = _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row.number,
                "column": LABELS[column],
                "message": message,
            }
            # Position among the recognised columns: the sheet's own column
            # number unless the header row has blank cells before it.
            index = self.columns.index(column) + 1 if column in self.columns else None
        self.problems.append(ImportProblem(self.row.number, index, located))


def _percentages(text: str) -> list[Decimal] | None:
    values = []
    for part in _LIST_SEPARATORS.split(_fold(text)):
        if not part:
            continue
        part = part.rstrip("%")
        if not _NUMBER.match(part):
            return None
        values.append(Decimal(part))
    return values


def _fraction(percent: Decimal) -> float:
    return round(float(percent / 100), 7)


def _options(values: dict, report: _RowProblems) -> list[tuple[str, str]]:
    """The filled options as (column, text), which must leave no gaps."""
    filled = [(name, values.get(name, "")) for name in OPTIONS]
    last = max((index for index, (_name, text) in enumerate(filled) if text), default=-1)
    for name, text in filled[: max(last, 0)]:
        if not text:
            report.add(
                name,
                _("This option is empty but a later one is filled; fill the options without gaps."),
            )
    return [(name, text) for name, text in filled[: last + 1] if text]


def _references(text: str, count: int, report: _RowProblems) -> list[int] | None:
    """Option numbers ("1;3") or letters ("A;C") as indices."""
    indices = []
    for part in _LIST_SEPARATORS.split(_fold(text)):
        if not part:
            continue
        if part.isdigit():
            index = int(part) - 1
        elif len(part) == 1 and "a" <= part <= "z":
            index = ord(part) - ord("a")
        else:
            report.add(
                "correct",
                _("“%(value)s” is not an option number; list the right options as 1;3 or A;C.")
                % {"value": part},
            )
            return None
        if not 0 <= index < count:
            report.add(
                "correct",
                _("There is no option %(value)s; this question has %(count)d options.")
                % {"value": part.upper(), "count": count},
            )
            return None
        if index in indices:
            report.add("correct", _("Option %(value)s is listed twice.") % {"value": part.upper()})
            return None
        indices.append(index)
    if not indices:
        report.add("correct", _("List the right options by number, such as 1 or 1;3."))
        return None
    return indices


def _weights_for(values: dict, count: int, what: str, report: _RowProblems) -> list[float] | None:
    text = values.get("weights", "")
    if not text:
        return None
    percentages = _percentages(text)
    if percentages is None:
        report.add(
            "weights", _("Write the weights as percentages separated by “;”, such as 50;50.")
        )
        return None
    if len(percentages) != count:
        report.add(
            "weights",
            _("Give one weight for each of the %(count)d %(what)s, in the same order.")
            % {"count": count, "what": what},
        )
        return None
    if any(not -100 <= percent <= 100 for percent in percentages):
        report.add("weights", _("Weights run from -100% to 100%."))
        return None
    return [_fraction(percent) for percent in percentages]


def _choices(qtype, values, report) -> dict | None:
    options = _options(values, report)
    if len(options) < 2:
        report.add("option_1", _("Give at least two options, in option 1, option 2 and so on."))
        return None
    if not values.get("correct"):
        report.add("correct", _("List the right options by number, such as 1 or 1;3."))
        return None
    right = _references(values["correct"], len(options), report)
    if right is None:
        return None
    weights = _weights_for(values, len(right), _("right options"), report)
    if weights is None:
        share = 1.0 if qtype == QuestionType.SINGLE else round(1 / len(right), 7)
        weights = [share] * len(right)
    fractions = dict(zip(right, weights, strict=True))
    return {
        "choices": [
            {"text": text, "fraction": fractions.get(index, 0.0), "feedback": ""}
            for index, (_name, text) in enumerate(options)
        ]
    }


def _short(values, report) -> dict | None:
    options = _options(values, report)
    if not options:
        report.add("option_1", _("Give the accepted answers in option 1, option 2 and so on."))
        return None
    weights = _weights_for(values, len(options), _("answers"), report)
    if weights is None and values.get("weights"):
        return None
    weights = weights or [1.0] * len(options)
    return {
        "answers": [
            {"text": text, "fraction": weight, "feedback": ""}
            for (_name, text), weight in zip(options, weights, strict=True)
        ]
    }


def _true_false(values, report) -> dict | None:
    answer = _fold(values.get("answer", ""))
    if answer in _TRUE or answer in _FALSE:
        return {"answer": answer in _TRUE, "feedback_true": "", "feedback_false": ""}
    report.add("answer", _("Write true or false (對 or 錯) as the answer."))
    return None


def _decimal(text: str) -> Decimal | None:
    text = _fold(text).replace(",", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _numeric(values, report) -> dict | None:
    value = _decimal(values.get("answer", ""))
    if value is None:
        report.add("answer", _("Write the answer as a number, such as 1.5."))
    tolerance_text = _fold(values.get("tolerance", ""))
    percent_sign = tolerance_text.endswith("%")
    tolerance = _decimal(tolerance_text.rstrip("%")) if tolerance_text else Decimal(0)
    if tolerance is None or tolerance < 0:
        report.add(
            "tolerance", _("Write the tolerance as a number of zero or more, such as 0.05 or 5%.")
        )
    kind_text = _fold(values.get("tolerance_kind", ""))
    kind = next((kind for kind, words in _TOLERANCE_KINDS.items() if kind_text in words), None)
    if not kind_text:
        kind = "percent" if percent_sign else "absolute"
    elif kind is None:
        report.add("tolerance_kind", _("Write absolute (絕對) or percent (百分比)."))
    elif percent_sign and kind != "percent":
        report.add("tolerance_kind", _("The tolerance is a percentage but this says absolute."))
        kind = None
    if value is None or tolerance is None or tolerance < 0 or kind is None:
        return None
    return {
        "answers": [
            {
                "value": float(value),
                "tolerance": float(tolerance),
                "tolerance_kind": kind,
                "fraction": 1.0,
                "feedback": "",
            }
        ],
        "unit": values.get("unit", ""),
    }


def _ordering(values, report) -> dict | None:
    items = [text for _name, text in _options(values, report)]
    if len(items) < 2:
        report.add(
            "option_1",
            _("Give at least two items, in their correct order, in option 1, option 2 and so on."),
        )
        return None
    return {"items": items}


def _matching(values, report) -> dict | None:
    pairs, distractors = [], []
    for name, text in _options(values, report):
        parts = _PAIR.split(text, maxsplit=1)
        if len(parts) != 2:
            report.add(name, _("Write a pair as “left => right”, or “=> right” for a distractor."))
            return None
        left, right = parts[0].strip(), parts[1].strip()
        if not right:
            report.add(name, _("The right side of the pair is empty."))
            return None
        if left:
            pairs.append({"left": left, "right": right})
        else:
            distractors.append(right)
    if len(pairs) < 2:
        report.add("option_1", _("Give at least two pairs, each as “left => right”."))
        return None
    return {"pairs": pairs, "distractors": distractors}


def _recall(values, report) -> dict | None:
    if not values.get("back"):
        report.add("back", _("Write the back of the card."))
        return None
    return {"back": values["back"]}


_PAYLOAD_READERS = {
    QuestionType.SINGLE: lambda values, report: _choices(QuestionType.SINGLE, values, report),
    QuestionType.MULTIPLE: lambda values, report: _choices(QuestionType.MULTIPLE, values, report),
    QuestionType.TRUE_FALSE: _true_false,
    QuestionType.SHORT: _short,
    QuestionType.NUMERIC: _numeric,
    QuestionType.ORDERING: _ordering,
    QuestionType.MATCHING: _matching,
    QuestionType.RECALL: _recall,
}
