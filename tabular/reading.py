"""Read a CSV or XLSX upload into header-keyed rows with their row numbers."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from .decoding import UndecodableFile, decode_text


@dataclass
class TableRow:
    number: int  # as the person sees it in a spreadsheet: the header is row 1
    values: dict[str, str]


@dataclass
class Table:
    columns: list[str]  # canonical column names, in file order
    rows: list[TableRow] = field(default_factory=list)
    encoding: str = ""


class TableError(ValueError):
    """The file as a whole cannot be read; `message` says why and where."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows_csv(data: bytes, expected_words) -> tuple[list[list[str]], str]:
    try:
        text, encoding = decode_text(data, expected_words=expected_words)
    except UndecodableFile as exc:
        raise TableError(
            _("The file is not text in UTF-8, GB18030 or Big5 (tried %(tried)s).") % {"tried": exc}
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), dialect)], encoding
    except csv.Error as exc:
        raise TableError(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc


def _raw_rows_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(
    *,
    file_name: str,
    data: bytes,
    aliases: dict[str, set[str]],
    required: set[str],
    max_rows: int,
) -> Table:
    """Read `data` into a Table whose columns are the canonical names in `aliases`.

    `aliases` maps each canonical column name to the header texts accepted for
    it (compared without case and surrounding spaces). A missing required
    column, an unknown column or a repeated column is a TableError.
    """
    all_words = {word for words in aliases.values() for word in words}
    if file_name.lower().endswith(".xlsx"):
        raw, encoding = _raw_rows_xlsx(data), "xlsx"
    elif file_name.lower().endswith((".csv", ".txt", ".tsv")):
        raw, encoding = _raw_rows_csv(data, all_words)
    else:
        raise TableError(_("Upload a .csv or .xlsx file."))

    header_index = next((i for i, row in enumerate(raw) if any(c.strip() for c in row)), None)
    if header_index is None:
        raise TableError(_("The file is empty."))
    lookup = {
        word.strip().lower(): name for name, words in aliases.items() for word in words | {name}
    }
    columns: list[str | None] = []
    for position, heading in enumerate(raw[header_index], start=1):
        heading = heading.strip()
        if not heading:
            columns.append(None)
            continue
        name = lookup.get(heading.lower())
        if name is None:
            raise TableError(
                _("Row %(row)d, column %(col)d: unknown column “%(heading)s”.")
                % {"row": header_index + 1, "col": position, "heading": heading}
            )
        if name in columns:
            raise TableError(
                _("Row %(row)d, column %(col)d: the column “%(heading)s” appears twice.")
                % {"row": header_index + 1, "col": position, "heading": heading}
            )
        columns.append(name)
    missing = [name for name in aliases if name in required and name not in columns]
    if missing:
        raise TableError(
            _("Row %(row)d: missing required column(s): %(columns)s.")
            % {"row": header_index + 1, "columns": ", ".join(missing)}
        )

    table = Table(columns=[c for c in columns if c], encoding=encoding)
    for index in range(header_index + 1, len(raw)):
        cells = raw[index]
        if not any(str(c).strip() for c in cells):
            continue
        values = {name: "" for name in table.columns}
        for position, cell in enumerate(cells):
            if position < len(columns) and columns[position]:
                values[columns[position]] = str(cell).strip()
        table.rows.append(TableRow(number=index + 1, values=values))
        if len(table.rows) > max_rows:
            raise TableError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows}
            )
    return table
