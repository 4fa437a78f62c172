"""Workbooks built byte by byte, the way a hostile upload would be."""

import io
import re
import time
import tracemalloc
import zipfile

from openpyxl import Workbook

from tabular import TableError


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def declaring_whole_sheet(rows) -> bytes:
    """A small workbook whose sheet declares the range A1:XFD1048576."""
    return rewrite_sheet(
        workbook_bytes(rows),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    )


def with_last_cell(rows, cell: str = "XFD1048576", text: str = "x") -> bytes:
    """A small workbook with one more cell far away (by default the sheet's last)."""
    row = int(re.sub(r"[A-Z]", "", cell))
    extra = f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c></row>'
    return rewrite_sheet(
        declaring_whole_sheet(rows), lambda xml: xml.replace("</sheetData>", extra + "</sheetData>")
    )


def bounded(call, *, seconds=5, megabytes=40):
    """Run `call`, asserting a ceiling on its time and on the memory it allocates."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = call()
    except TableError as error:
        outcome = error
    finally:
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < megabytes * 1024 * 1024, f"allocated {peak / 2**20:.0f} MB at the peak"
    return outcome
