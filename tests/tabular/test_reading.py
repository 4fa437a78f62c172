"""tabular.read_table: hostile workbooks, located cell problems, encodings."""

import pytest
from django.utils import translation

from tabular import Table, TableError, read_table, upload_bytes
from tests.tabular.hostile import bounded, declaring_whole_sheet, with_last_cell, workbook_bytes

ALIASES = {
    "employee_id": {"員工編號"},
    "name": {"姓名"},
    "unit": {"單位"},
}
HEADER = ["employee_id", "name", "unit"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(data, file_name="t.xlsx", **kwargs):
    options = {"aliases": ALIASES, "required": {"employee_id"}, "max_rows": 100, **kwargs}
    return read_table(file_name=file_name, data=data, **options)


class TestHostileWorkbooks:
    def test_declared_whole_sheet_is_read_as_it_is(self):
        data = declaring_whole_sheet([HEADER, ["E1", "甲", "總行"]])
        assert len(data) < 6000
        table = bounded(lambda: read(data))
        assert isinstance(table, Table)
        assert [row.values for row in table.rows] == [
            {"employee_id": "E1", "name": "甲", "unit": "總行"}
        ]

    def test_a_cell_at_the_last_row_and_column_stops_reading(self):
        """The old reader padded a million rows to 16,384 columns: gigabytes."""
        data = with_last_cell([HEADER, ["E1", "甲", "總行"]])
        error = bounded(lambda: read(data))
        assert isinstance(error, TableError)
        assert "rows" in error.message

    def test_too_many_columns(self):
        data = with_last_cell([HEADER, ["E1", "甲", "總行"]], cell="XFD3")
        error = bounded(lambda: read(data))
        assert isinstance(error, TableError)
        assert "Row 3" in error.message and "100 columns" in error.message

    def test_too_many_rows_stops_at_the_limit(self):
        rows = [HEADER] + [[f"E{n}", "甲", "總行"] for n in range(300)]
        with pytest.raises(TableError, match="more than 100 rows"):
            read(workbook_bytes(rows))

    def test_oversized_cell_is_located(self, settings):
        settings.TABULAR_MAX_CELL_CHARS = 50
        with pytest.raises(TableError) as excinfo:
            read(workbook_bytes([HEADER, ["E1", "甲" * 51, "總行"]]))
        [problem] = excinfo.value.problems
        assert (problem.row, problem.column, problem.heading) == (2, 2, "name")
        assert "51" in problem.message

    def test_zip_that_unpacks_too_far_is_refused(self, settings):
        settings.TABULAR_MAX_UNPACKED_BYTES = 1000
        with pytest.raises(TableError, match="unpacks"):
            read(workbook_bytes([HEADER]))

    def test_not_a_workbook(self):
        with pytest.raises(TableError, match="XLSX"):
            read(b"PK\x03\x04 not really")


class TestUploadSize:
    class Upload:
        def __init__(self, data):
            self.data, self.size, self.reads = data, len(data), 0

        def read(self, limit=-1):
            self.reads += 1
            return self.data[:limit]

    def test_checked_before_reading(self, settings):
        settings.TABULAR_MAX_UPLOAD_BYTES = 10
        upload = self.Upload(b"x" * 11)
        with pytest.raises(TableError, match="Split it"):
            upload_bytes(upload)
        assert upload.reads == 0

    def test_a_size_that_lies_is_caught_by_what_is_read(self):
        upload = self.Upload(b"x" * 11)
        upload.size = 1
        with pytest.raises(TableError):
            upload_bytes(upload, max_bytes=10)
        assert upload_bytes(self.Upload(b"abc"), max_bytes=10) == b"abc"

    def test_read_table_checks_the_size_too(self, settings):
        settings.TABULAR_MAX_UPLOAD_BYTES = 10
        with pytest.raises(TableError, match="Split it"):
            read(b"employee_id\nE1\n", file_name="t.csv")


class TestControlCharacters:
    @pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
    def test_in_csv_named_by_row_and_column(self, character):
        text = f"employee_id,name,unit\nE1,甲,總行\nE2,乙{character},總行\n"
        with pytest.raises(TableError) as excinfo:
            read(text.encode("utf-8"), file_name="t.csv")
        [problem] = excinfo.value.problems
        assert (problem.row, problem.column, problem.heading) == (3, 2, "name")
        assert f"U+{ord(character):04X}" in problem.message
        assert "Row 3, column 2 (name)" in excinfo.value.message

    def test_nul_in_gb18030_csv(self):
        text = "員工編號,姓名,單位\nE1,王\x00,總行\n"
        with pytest.raises(TableError) as excinfo:
            read(text.encode("gb18030"), file_name="t.csv")
        assert [(p.row, p.column) for p in excinfo.value.problems] == [(2, 2)]

    def test_tab_and_line_breaks_inside_a_cell_are_text(self):
        table = read('employee_id,name,unit\nE1,"甲\n乙",總行\n'.encode(), file_name="t.csv")
        assert table.rows[0].values["name"] == "甲\n乙"

    def test_in_xlsx_escaped_the_excel_way(self):
        data = workbook_bytes([HEADER, ["E1", "甲_x0001_", "總行"]])
        with pytest.raises(TableError) as excinfo:
            read(data)
        assert [(p.row, p.column) for p in excinfo.value.problems] == [(2, 2)]

    def test_in_xlsx_written_raw(self):
        data = workbook_bytes([HEADER, ["E1", "甲", "總行"]])
        from tests.tabular.hostile import rewrite_sheet

        hostile = rewrite_sheet(data, lambda xml: xml.replace("<t>甲</t>", "<t>甲&#x1b;</t>"))
        try:
            outcome = read(hostile)
        except TableError as error:
            outcome = error
        # XML 1.0 itself forbids the character: either way it never reaches a row.
        assert isinstance(outcome, TableError)

    def test_every_problem_is_listed(self):
        text = "employee_id,name,unit\n" + "".join(f"E{n},\x00,\x01\n" for n in range(3))
        with pytest.raises(TableError) as excinfo:
            read(text.encode(), file_name="t.csv")
        assert [(p.row, p.column) for p in excinfo.value.problems] == [
            (2, 2), (2, 3), (3, 2), (3, 3), (4, 2), (4, 3)
        ]  # fmt: skip


class TestFormulas:
    def test_a_formula_is_reported_not_read_as_empty(self):
        data = workbook_bytes([HEADER, ["E1", "=B3&B4", "總行"]])
        with pytest.raises(TableError) as excinfo:
            read(data)
        [problem] = excinfo.value.problems
        assert (problem.row, problem.column, problem.heading) == (2, 2, "name")
        assert "formula" in problem.message and "=B3&B4" in problem.message
        assert "enter its value" in problem.message

    def test_a_string_that_starts_with_equals_is_text(self):
        data = workbook_bytes([HEADER, ["E1", "甲", "總行"]])
        from tests.tabular.hostile import rewrite_sheet

        data = rewrite_sheet(data, lambda xml: xml.replace("<t>甲</t>", "<t>=甲</t>"))
        assert read(data).rows[0].values["name"] == "=甲"


BIG5_UNITS = ["總行", "華東分行", "浦東支行", "浦東對公團隊", "臺北營業部"]


class TestEncodings:
    def csv(self, encoding):
        rows = "".join(f"E{n},陳{n},{unit}\n" for n, unit in enumerate(BIG5_UNITS))
        return ("employee_id,name,unit\n" + rows).encode(encoding)

    def test_big5_with_english_headers_is_read_as_big5(self):
        """GB18030 reads these bytes too, into nonsense; the known unit names
        and the rare characters of the nonsense decide."""
        data = self.csv("big5")
        table = read(data, file_name="t.csv", expected_words=BIG5_UNITS)
        assert table.encoding == "big5"
        assert table.encodings == ["big5", "gb18030"]
        assert [row.values["unit"] for row in table.rows] == BIG5_UNITS

    def test_big5_without_known_words_goes_by_rare_characters(self):
        table = read(self.csv("big5"), file_name="t.csv")
        assert table.encoding == "big5"
        assert table.rows[3].values["unit"] == "浦東對公團隊"

    def test_gb18030_stays_gb18030(self):
        text = "employee_id,name,unit\nE1,王晓明,总行/华东分行/浦东支行\n"
        table = read(text.encode("gb18030"), file_name="t.csv")
        assert table.encoding == "gb18030"
        assert table.rows[0].values["unit"] == "总行/华东分行/浦东支行"

    def test_utf8_is_chosen_alone(self):
        table = read(self.csv("utf-8"), file_name="t.csv")
        assert (table.encoding, table.encodings) == ("utf-8", ["utf-8"])

    def test_the_caller_picks_the_encoding(self):
        data = self.csv("big5")
        table = read(data, file_name="t.csv", encoding="gb18030")
        assert table.encoding == "gb18030"
        assert table.rows[0].values["unit"] == data.split(b"\n")[1].split(b",")[2].decode("gb18030")
        with pytest.raises(TableError, match="utf-8"):
            read(data, file_name="t.csv", encoding="utf-8")
        with pytest.raises(TableError):
            read(data, file_name="t.csv", encoding="no-such-encoding")

    def test_workbook(self):
        table = read(workbook_bytes([HEADER, ["E1", "甲", "總行"]]))
        assert (table.encoding, table.encodings) == ("xlsx", [])
