"""Read a CSV or XLSX upload into header-keyed rows with their row numbers.

Hostile files are refused before they cost memory: an upload's size is checked
before it is read (`upload_bytes`), an XLSX is read as a stream (openpyxl's
read-only mode, its declared dimensions ignored) and reading stops at the first
row past the row limit, at a cell past the column limit and at a cell longer
than the cell limit. Control characters and formulas in cells are reported with
their row and column.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .conf import tabular_settings
from .decoding import (
    ENCODINGS,
    UndecodableFile,
    control_character_name,
    decode_candidates,
    first_control_character,
)

# Stands for a NUL while Python's csv module reads the text (it refuses NUL);
# a private-use character no office file holds, and reported as U+0000.
_NUL_STAND_IN = "\U0010fffd"
# Excel's escape of a control character inside a cell ("_x0001_").
_EXCEL_ESCAPED_CONTROL = re.compile(r"_x00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])_")
# At most this many located problems are gathered before reading stops.
MAX_PROBLEMS = 50
# Empty rows tolerated beyond the row limit before reading stops (a hostile
# workbook puts one cell on its last row, a million rows down).
MAX_EMPTY_ROWS = 10000


@dataclass
class TableRow:
    number: int  # as the person sees it in a spreadsheet: the header is row 1
    values: dict[str, str]


@dataclass
class Table:
    columns: list[str]  # canonical column names, in file order
    rows: list[TableRow] = field(default_factory=list)
    # The encoding a CSV was read with ("utf-8", "utf-8-sig", "gb18030", "big5");
    # "xlsx" for a workbook.
    encoding: str = ""
    # Every encoding that read the CSV cleanly, best first (the chosen one first);
    # empty for a workbook. A preview offers these for the person to pick.
    encodings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TableProblem:
    row: int
    column: int  # position, counted from 1
    heading: str  # the column's canonical name where the header gave one, else ""
    message: str

    def __str__(self):
        # One translated sentence, so each language places and punctuates it.
        return (
            _("Row %(row)d, column %(col)d (%(heading)s): %(message)s")
            if self.heading
            else _("Row %(row)d, column %(col)d: %(message)s")
        ) % {"row": self.row, "col": self.column, "heading": self.heading, "message": self.message}


class TableError(ValueError):
    """The file cannot be read; `message` says why and where. `problems` lists
    the located cell problems (control characters, formulas, oversized cells),
    each with its row and column, when those are the reason."""

    def __init__(self, message: str, problems: list[TableProblem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class _Formula(str):
    """The text of a formula cell, told apart from a string that looks like one."""


def upload_bytes(uploaded, *, max_bytes: int | None = None) -> bytes:
    """The content of an uploaded file (a Django UploadedFile or any object with
    `size` and `read()`), refused with a TableError before it is read into
    memory when it is larger than `max_bytes` (default TABULAR_MAX_UPLOAD_BYTES)."""
    check_size(getattr(uploaded, "size", None), max_bytes=max_bytes)
    data = uploaded.read((max_bytes or tabular_settings.MAX_UPLOAD_BYTES) + 1)
    check_size(len(data), max_bytes=max_bytes)
    return data


def check_size(size: int | None, *, max_bytes: int | None = None) -> None:
    """TableError when `size` (bytes) is over `max_bytes` (default TABULAR_MAX_UPLOAD_BYTES)."""
    limit = max_bytes or tabular_settings.MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise TableError(
            _(
                "The file is %(size)s; files up to %(limit)s can be read. Split it into smaller files."
            )
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )


def _megabytes(size: int) -> str:
    return _("%(size).1f MB") % {"size": size / (1024 * 1024)}


_DISARMED_STARTS = ("=", "+", "-", "@")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _Formula):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time.min else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in _DISARMED_STARTS:
        # tabular.writing puts an apostrophe before text a spreadsheet would
        # run as a formula: a file it wrote reads back as it was.
        return text[1:]
    return text


def _cell_problem(text: str, max_cell_chars: int) -> str | None:
    """Why a cell's text cannot be taken, or None."""
    if not text:
        return None
    if isinstance(text, _Formula):
        return _("This cell holds a formula (%(formula)s); enter its value instead.") % {
            "formula": text[:40]
        }
    if len(text) > max_cell_chars:
        return _("The cell holds %(length)d characters; at most %(max)d are allowed.") % {
            "length": len(text),
            "max": max_cell_chars,
        }
    if _NUL_STAND_IN in text:
        return _("The cell holds the control character %(character)s; remove it.") % {
            "character": control_character_name("\x00")
        }
    index = first_control_character(text)
    if index is not None:
        return _("The cell holds the control character %(character)s; remove it.") % {
            "character": control_character_name(text[index])
        }
    escaped = _EXCEL_ESCAPED_CONTROL.search(text)
    if escaped:
        return _("The cell holds the control character %(character)s; remove it.") % {
            "character": control_character_name(chr(int(escaped.group()[2:6], 16)))
        }
    return None


def _raw_rows_csv(data: bytes, *, encoding, expected_words):
    """(rows as lists of text, encoding, candidate encodings)."""
    try:
        decoded = decode_candidates(data, encoding=encoding, expected_words=expected_words)
    except UndecodableFile as exc:
        if encoding:
            raise TableError(
                _("The file cannot be read as %(encoding)s.") % {"encoding": encoding}
            ) from exc
        raise TableError(
            _("The file is not text in UTF-8, GB18030 or Big5 (tried %(tried)s).")
            % {"tried": ", ".join(ENCODINGS)}
        ) from exc
    text = decoded.text.replace("\x00", _NUL_STAND_IN)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)

    def rows():
        try:
            yield from reader
        except csv.Error as exc:
            raise TableError(
                _("Row %(row)d: the CSV file is malformed: %(error)s")
                % {"row": reader.line_num, "error": exc}
            ) from exc

    return rows(), decoded.encoding, list(decoded.candidates)


def _check_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(_("The file is not a readable XLSX workbook.")) from exc
    limit = tabular_settings.MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise TableError(
            _("The workbook unpacks to %(size)s; at most %(limit)s can be read.")
            % {"size": _megabytes(unpacked), "limit": _megabytes(limit)}
        )
    return archive


def _raw_rows_xlsx(data: bytes):
    """The first sheet's rows as a stream, formulas kept as _Formula."""
    archive = _check_archive(data)
    try:
        workbook = load_workbook(archive.fp, read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("The file is not a readable XLSX workbook.")) from exc
    # The declared dimensions (A1:XFD1048576 in a hostile file) would make every
    # row as wide as declared and pad the sheet to the declared last row.
    sheet.reset_dimensions()

    def rows():
        try:
            for cells in sheet.iter_rows():
                yield [
                    _Formula(cell.value)
                    if getattr(cell, "data_type", None) == "f"
                    else getattr(cell, "value", None)
                    for cell in cells
                ]
        except TableError:
            raise
        except Exception as exc:
            raise TableError(_("The file is not a readable XLSX workbook.")) from exc
        finally:
            workbook.close()

    return rows()


def read_table(
    *,
    file_name: str,
    data: bytes,
    aliases: dict[str, set[str]],
    required: set[str],
    max_rows: int,
    encoding: str | None = None,
    expected_words=(),
    max_columns: int | None = None,
    max_cell_chars: int | None = None,
    max_bytes: int | None = None,
) -> Table:
    """Read `data` into a Table whose columns are the canonical names in `aliases`.

    `aliases` maps each canonical column name to the header texts accepted for
    it (compared without case and surrounding spaces). A missing required
    column, an unknown column or a repeated column is a TableError.

    CSV text is decoded as `encoding` when given (a preview lets the person
    pick one of `Table.encodings`), otherwise by the most plausible reading of
    UTF-8, GB18030 and Big5: `expected_words` (for example unit names) and the
    header words of `aliases` count for a reading. The limits default to the
    TABULAR_* settings (see tabular.conf); `max_rows` counts non-empty rows
    below the header.
    """
    check_size(len(data), max_bytes=max_bytes)
    max_columns = max_columns or tabular_settings.MAX_COLUMNS
    max_cell_chars = max_cell_chars or tabular_settings.MAX_CELL_CHARS
    lookup = {
        word.strip().lower(): name for name, words in aliases.items() for word in words | {name}
    }
    lower_name = file_name.lower()
    if lower_name.endswith(".xlsx"):
        raw, chosen, candidates = _raw_rows_xlsx(data), "xlsx", []
    elif lower_name.endswith((".csv", ".txt", ".tsv")):
        words = {word for words in aliases.values() for word in words} | set(expected_words)
        raw, chosen, candidates = _raw_rows_csv(data, encoding=encoding, expected_words=words)
    else:
        raise TableError(_("Upload a .csv or .xlsx file."))

    problems: list[TableProblem] = []
    columns: list[str | None] | None = None
    table: Table | None = None
    for number, cells in enumerate(raw, start=1):
        if number > max_rows + MAX_EMPTY_ROWS:
            raise TableError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows}
            )
        if len(cells) > max_columns and any(_cell_text(value) for value in cells[max_columns:]):
            raise TableError(
                _("Row %(row)d: the file has more than %(max)d columns.")
                % {"row": number, "max": max_columns}
            )
        texts = []
        for position, value in enumerate(cells[:max_columns], start=1):
            text = _cell_text(value)
            # Checked before stripping: Python strips some controls as spaces.
            problem = _cell_problem(value if isinstance(value, str) else text, max_cell_chars)
            if problem:
                heading = ""
                if columns is not None and position <= len(columns):
                    heading = columns[position - 1] or ""
                problems.append(TableProblem(number, position, heading, problem))
                if len(problems) >= MAX_PROBLEMS:
                    _refuse(problems)
                text = ""
            texts.append(text)
        if not any(texts):
            continue
        if columns is None:
            columns = _header(texts, number, lookup, aliases, required)
            table = Table(columns=[c for c in columns if c], encoding=chosen, encodings=candidates)
            continue
        values = {name: "" for name in table.columns}
        for position, text in enumerate(texts):
            if position < len(columns) and columns[position]:
                values[columns[position]] = text
        table.rows.append(TableRow(number=number, values=values))
        if len(table.rows) > max_rows:
            raise TableError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows}
            )
    if problems:
        _refuse(problems)
    if table is None:
        raise TableError(_("The file is empty."))
    return table


def _refuse(problems: list[TableProblem]):
    lines = [str(problem) for problem in problems]
    if len(problems) >= MAX_PROBLEMS:
        lines.append(_("Reading stopped after %(count)d problems.") % {"count": len(problems)})
    raise TableError("\n".join(lines), problems)


def _header(texts, number, lookup, aliases, required) -> list[str | None]:
    columns: list[str | None] = []
    for position, heading in enumerate(texts, start=1):
        heading = heading.strip()
        if not heading:
            columns.append(None)
            continue
        name = lookup.get(heading.lower())
        if name is None:
            raise TableError(
                _("Row %(row)d, column %(col)d: unknown column “%(heading)s”.")
                % {"row": number, "col": position, "heading": heading}
            )
        if name in columns:
            raise TableError(
                _("Row %(row)d, column %(col)d: the column “%(heading)s” appears twice.")
                % {"row": number, "col": position, "heading": heading}
            )
        columns.append(name)
    missing = [name for name in aliases if name in required and name not in columns]
    if missing:
        raise TableError(
            _("Row %(row)d: missing required column(s): %(columns)s.")
            % {"row": number, "columns": ", ".join(missing)}
        )
    return columns
