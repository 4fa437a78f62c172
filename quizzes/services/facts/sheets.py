"""Reading and checking a fact sheet: nothing is saved here."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.models import OrgUnit, Person
from tabular.decoding import UndecodableFile, decode_text
from tabular.reading import TableError, read_table

from ...models import FactTemplate
from ...normalise import fold
from .templates import Placeholders, needs_number, templates_by_attribute

FACTS_MAX_BYTES = 2 * 1024 * 1024
FACTS_MAX_ROWS = 2000

COLUMN_ALIASES = {
    "entity": {"entity", "customer", "client", "客戶", "客户", "實體", "实体"},
    "attribute": {"attribute", "item", "項目", "项目", "屬性", "属性"},
    "value": {"value", "數值", "数值", "值"},
    "unit": {"unit", "單位", "单位"},
    "as_of": {"as_of", "as of", "as-of", "as-of date", "as of date", "截至日期", "截止日期"},
}
REQUIRED_COLUMNS = {"entity", "attribute", "value", "as_of"}
COLUMN_LABELS = {
    "entity": gettext_lazy("Entity"),
    "attribute": gettext_lazy("Attribute"),
    "value": gettext_lazy("Value"),
    "unit": gettext_lazy("Unit"),
    "as_of": gettext_lazy("As of"),
}
FIELD_LIMITS = {"entity": 200, "attribute": 200, "value": 200, "unit": 50}

DATE_FORMATS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)%?$")
GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$")
MAX_NUMBER = Decimal("1e16")  # Fact.number holds 16 digits before the point


@dataclass
class FactProblem:
    """What is wrong, and where: `row` as a spreadsheet shows it (None for the
    file as a whole), `column` a key of COLUMN_ALIASES ("" when none)."""

    row: int | None
    column: str
    message: str

    @property
    def column_label(self) -> str:
        label = COLUMN_LABELS.get(self.column)
        return str(label) if label else ""

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class FactRow:
    row: int
    entity: str
    attribute: str
    value: str
    number: Decimal | None
    unit_label: str
    as_of: date | None


class FactSheetInvalid(Exception):
    """The sheet was not saved; `problems` says everything that is wrong with it."""

    def __init__(self, problems: list[FactProblem]):
        super().__init__(
            "; ".join(
                f"row {p.row}, {p.column}: {p.message}" if p.row else p.message for p in problems
            )
        )
        self.problems = problems


def _subject(person: Person | None, unit: OrgUnit | None) -> str:
    if (person is None) == (unit is None):
        raise ValueError("A fact sheet is for one person or one team, not both or neither.")
    return f"person-{person.pk}" if person is not None else f"unit-{unit.pk}"


def _parse_number(text: str) -> Decimal | None:
    """A number as a spreadsheet holds it: full-width digits, thousands
    separators and a trailing percent sign are tolerated, nothing else."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u00a0", "")
    if GROUPED_NUMBER.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not PLAIN_NUMBER.match(cleaned):
        return None
    try:
        number = Decimal(cleaned.rstrip("%"))
    except InvalidOperation:
        return None
    if abs(number) >= MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.0001"))


def _parse_date(text: str) -> date | None:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-", cleaned) else cleaned
    for pattern in DATE_FORMATS:
        match = pattern.match(cleaned)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _template_problems(templates: dict[str, list[FactTemplate]], used: set[str]) -> list:
    problems = []
    for attribute in sorted(used):
        for template in templates.get(attribute, []):
            try:
                template.stem.format_map(Placeholders())
            except (ValueError, IndexError, AttributeError, KeyError):
                problems.append(
                    FactProblem(
                        None,
                        "",
                        _(
                            "The question template for “%(attribute)s” has a malformed "
                            "question text; ask a trainer to correct it."
                        )
                        % {"attribute": template.attribute},
                    )
                )
    return problems


def _as_utf8(file_name: str, data: bytes, templates: dict[str, list[FactTemplate]]) -> bytes:
    """Decode a text file once more with the Chinese words it is likely to hold
    (the Chinese headers and the attributes templates ask about), so that a
    Big5 or GB18030 file with English headers is still told apart."""
    if file_name.lower().endswith(".xlsx"):
        return data
    words = {w for words in COLUMN_ALIASES.values() for w in words if not w.isascii()}
    words |= {t.attribute for group in templates.values() for t in group}
    try:
        text, _encoding = decode_text(data, expected_words=words)
    except UndecodableFile:
        return data  # read_table says so, with the encodings it tried
    return text.encode("utf-8")


def fact_sheet_encoding(*, file_name: str, data: bytes) -> str:
    """The encoding a text fact sheet is read in ("" for XLSX or unreadable)."""
    if file_name.lower().endswith(".xlsx"):
        return ""
    templates = templates_by_attribute()
    words = {w for words in COLUMN_ALIASES.values() for w in words if not w.isascii()}
    words |= {t.attribute for group in templates.values() for t in group}
    try:
        return decode_text(data, expected_words=words)[1]
    except UndecodableFile:
        return ""


def fact_sheet_preview(
    *, file_name: str, data: bytes, person: Person | None = None, unit: OrgUnit | None = None
) -> tuple[list[FactRow], list[FactProblem]]:
    """Read and check a fact sheet. Saves nothing. Returns the rows as read and
    every problem found, each located by row and column."""
    _subject(person, unit)
    if len(data) > FACTS_MAX_BYTES:
        return [], [
            FactProblem(
                None,
                "",
                _("The file is larger than %(max)d MB.")
                % {"max": FACTS_MAX_BYTES // (1024 * 1024)},
            )
        ]
    templates = templates_by_attribute()
    data = _as_utf8(file_name, data, templates)
    try:
        table = read_table(
            file_name=file_name,
            data=data,
            aliases=COLUMN_ALIASES,
            required=REQUIRED_COLUMNS,
            max_rows=FACTS_MAX_ROWS,
        )
    except TableError as exc:
        return [], [FactProblem(None, "", exc.message)]

    rows: list[FactRow] = []
    problems: list[FactProblem] = []
    first_seen: dict[tuple[str, str], int] = {}
    for table_row in table.rows:
        number, values = table_row.number, table_row.values

        def problem(column, message, number=number):
            problems.append(FactProblem(number, column, message))

        entity = values.get("entity", "")
        attribute = values.get("attribute", "")
        # Full-width digits and letters are stored plain: "８３０００００" is 8300000.
        value = unicodedata.normalize("NFKC", values.get("value", "")).strip()
        unit_label = values.get("unit", "")
        if not entity:
            problem("entity", _("The entity is empty."))
        if not attribute:
            problem("attribute", _("The attribute is empty."))
        if not value:
            problem("value", _("The value is empty."))
        for column, text in (
            ("entity", entity),
            ("attribute", attribute),
            ("value", value),
            ("unit", unit_label),
        ):
            if len(text) > FIELD_LIMITS[column]:
                problem(
                    column,
                    _("Longer than %(max)d characters.") % {"max": FIELD_LIMITS[column]},
                )

        parsed = _parse_number(value) if value else None
        if value and parsed is None and needs_number(templates.get(fold(attribute), [])):
            problem(
                "value",
                _(
                    "“%(value)s” is not a number, and “%(attribute)s” is asked as a number; "
                    "write the unit in the unit column."
                )
                % {"value": value, "attribute": attribute},
            )

        as_of_text = values.get("as_of", "")
        as_of = _parse_date(as_of_text) if as_of_text else None
        if not as_of_text:
            problem("as_of", _("The as-of date is empty."))
        elif as_of is None:
            problem(
                "as_of",
                _("“%(value)s” is not a date; write it as 2024-05-31.") % {"value": as_of_text},
            )

        if entity and attribute:
            key = (fold(entity), fold(attribute))
            if key in first_seen:
                problem(
                    "entity",
                    _("“%(entity)s” · “%(attribute)s” is already on row %(first)d.")
                    % {"entity": entity, "attribute": attribute, "first": first_seen[key]},
                )
            else:
                first_seen[key] = number

        rows.append(FactRow(number, entity, attribute, value, parsed, unit_label, as_of))

    if not table.rows:
        problems.append(FactProblem(None, "", _("The file has no facts below its header.")))
    problems.extend(_template_problems(templates, {attr for _entity, attr in first_seen}))
    problems.sort(
        key=lambda p: (p.row or 0, list(COLUMN_ALIASES).index(p.column) if p.column else -1)
    )
    return rows, problems
