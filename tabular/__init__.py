"""Reading uploaded tables (CSV and XLSX) into rows that remember where they came
from, and writing the CSV and XLSX files Lianbing hands out.

Shared by every import of Lianbing (roster, question banks, fact sheets), so
that each reports problems the same way: file, row, column.

Reading (tabular.reading):

- `read_table(*, file_name, data, aliases, required, max_rows, encoding=None,
  expected_words=(), max_columns=None, max_cell_chars=None, max_bytes=None) -> Table`.
  An XLSX is streamed and reading stops at the limits of rows, columns, cell
  size and unpacked size before anything large is built. A control character,
  an oversized cell or a formula in a cell is a TableError whose `problems`
  locate each one (row, column). For a CSV, `encoding=None` chooses the most
  plausible of UTF-8, GB18030 and Big5 (the header words and `expected_words`,
  for example unit names, count for a reading; then fewer rare characters);
  an explicit `encoding` is used as given (a TableError if the bytes are not
  valid in it).
- `Table.encoding` is the encoding used ("xlsx" for a workbook) and
  `Table.encodings` every encoding that read the file cleanly, best first: a
  preview shows the first and lets the person pick another, then reads again
  with `encoding=`.
- `upload_bytes(uploaded, max_bytes=None)` reads an upload only after checking
  its size; `check_size(size, max_bytes=None)` checks a size alone.

Text files (tabular.decoding): `decode_candidates(data, encoding=None,
expected_words=())` and `decode_text(...)` decode GIFT, Aiken and other text
by the same rules; `control_characters(text)` locates control characters by
line and column.

Writing (tabular.writing): `csv_bytes`, `xlsx_bytes`, `csv_response`,
`xlsx_response` and `SafeSpreadsheetExportMixin`: a cell starting with `=`,
`+`, `-`, `@`, a tab or a carriage return is shown as text by a spreadsheet.

Limits (settings, with defaults): TABULAR_MAX_UPLOAD_BYTES (10 MB),
TABULAR_MAX_UNPACKED_BYTES (200 MB), TABULAR_MAX_COLUMNS (100),
TABULAR_MAX_CELL_CHARS (10,000).
"""

from .decoding import (
    ControlCharacter,
    Decoded,
    UndecodableFile,
    control_characters,
    decode_candidates,
    decode_text,
)
from .reading import Table, TableError, TableProblem, TableRow, check_size, read_table, upload_bytes
from .writing import csv_bytes, csv_response, csv_safe, xlsx_bytes, xlsx_response

__all__ = [
    "ControlCharacter",
    "Decoded",
    "Table",
    "TableError",
    "TableProblem",
    "TableRow",
    "UndecodableFile",
    "check_size",
    "control_characters",
    "csv_bytes",
    "csv_response",
    "csv_safe",
    "decode_candidates",
    "decode_text",
    "read_table",
    "upload_bytes",
    "xlsx_bytes",
    "xlsx_response",
]
