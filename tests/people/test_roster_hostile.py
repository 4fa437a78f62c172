"""Hostile and careless roster files: every problem in the preview, located."""

import io

import pytest
from openpyxl import Workbook

from people.models import Person, RosterImport
from people.roster import RosterInvalid, roster_apply, roster_preview
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "employee_id,name,unit,position,email\n"


def preview(text, encoding="utf-8", **kwargs):
    return roster_preview(file_name="roster.csv", data=text.encode(encoding), **kwargs)


def located(roster_import):
    return [(e["row"], e["column"]) for e in roster_import.errors]


def test_an_email_longer_than_its_column_is_an_error_in_the_preview(org):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".com"
    assert 255 <= len(email) <= 320
    roster_import = preview(HEADER + f"E1,甲,總行,,{email}\n")
    assert roster_import.status == RosterImport.Status.INVALID
    assert located(roster_import) == [(2, "email")]
    assert "254" in roster_import.errors[0]["message"]
    with pytest.raises(RosterInvalid):
        roster_apply(roster_import=roster_import)


def test_a_long_position_is_an_error_never_cut(org):
    roster_import = preview(HEADER + "E1,甲,總行," + "職" * 101 + ",\n")
    assert located(roster_import) == [(2, "position")]
    assert preview(HEADER + "E1,甲,總行," + "職" * 100 + ",\n").errors == []


def test_a_long_name_is_an_error(org):
    assert located(preview(HEADER + "E1," + "名" * 101 + ",總行,,\n")) == [(2, "name")]


def test_ids_that_differ_only_in_case_are_duplicates(org):
    roster_import = preview(HEADER + "E1,甲,總行,,\ne1,乙,總行,,\n")
    assert located(roster_import) == [(3, "employee_id")]
    assert "E1" in roster_import.errors[0]["message"]


def test_an_id_on_file_in_another_case_is_an_error(org):
    PersonFactory(employee_id="E1", unit=org["head"])
    roster_import = preview(HEADER + "e1,甲,總行,,\n")
    assert located(roster_import) == [(2, "employee_id")]
    assert Person.objects.count() == 1


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_located(org, character):
    roster_import = preview(HEADER + f"E1,甲,總行,客戶{character}經理,\n")
    assert roster_import.status == RosterImport.Status.INVALID
    assert located(roster_import) == [(2, "position")]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_formula_is_reported_as_a_formula(org):
    data = xlsx([["employee_id", "name", "unit"], ["E1", '=CONCAT("王","小明")', "總行"]])
    roster_import = roster_preview(file_name="roster.xlsx", data=data)
    assert located(roster_import) == [(2, "name")]
    assert "=CONCAT" in roster_import.errors[0]["message"]


def test_big5_with_english_headers_reads_the_units(org):
    text = "employee_id,name,unit\nE1,王小明,總行/華東分行/浦東支行/浦東一隊\n"
    roster_import = preview(text, encoding="big5")
    assert roster_import.errors == []
    assert roster_import.summary["encoding"] == "big5"
    assert roster_import.summary["encodings"] == ["big5", "gb18030"]
    roster_apply(roster_import=roster_import)
    assert Person.objects.get().unit == org["pudong_team"]


def test_the_person_picks_another_encoding(org):
    text = "employee_id,name,unit\nE1,王小明,總行/華東分行/浦東支行/浦東一隊\n"
    roster_import = roster_preview(
        file_name="roster.csv", data=text.encode("big5"), encoding="gb18030"
    )
    assert roster_import.summary["encoding"] == "gb18030"
    assert located(roster_import) == [(2, "unit")]  # the garbled unit is unknown


def test_the_template_is_a_roster_and_written_by_the_shared_writer(org):
    from people.roster import roster_template_csv

    # The example row's unit is a team of the demo organisation.
    OrgUnitFactory(name="浦東零售團隊", code="pudong-retail", kind="team", parent=org["pudong"])
    data = roster_template_csv()
    assert data.startswith("\ufeff".encode())
    roster_import = roster_preview(file_name="roster-template.csv", data=data)
    assert roster_import.errors == []
    assert roster_import.summary["creates"] == 1


def test_a_name_that_would_be_a_formula_stays_text_in_an_export(org):
    """Names such as =HYPERLINK(...) are accepted; the shared writer disarms them."""
    from tabular.writing import csv_bytes

    roster_apply(roster_import=preview(HEADER + 'E1,"=HYPERLINK(""http://x"")",總行,,\n'))
    name = Person.objects.get().name
    assert name.startswith("=")
    assert csv_bytes([[name]]).decode("utf-8-sig").startswith("\"'=HYPERLINK")


def test_command_reads_an_encoding_it_is_given(org, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "roster.csv"
    path.write_bytes(
        "employee_id,name,unit\nE1,王小明,總行/華東分行/浦東支行/浦東一隊\n".encode("big5")
    )
    call_command("import_roster", str(path))
    assert "Read as big5 (also readable as gb18030" in capsys.readouterr().out
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("import_roster", str(path), "--encoding", "gb18030")


def test_command_refuses_a_large_file_before_reading_it(org, tmp_path, settings):
    from django.core.management import CommandError, call_command

    settings.PEOPLE_ROSTER_MAX_BYTES = 10
    path = tmp_path / "roster.csv"
    path.write_bytes(b"employee_id,name,unit\n")
    with pytest.raises(CommandError, match="MB"):
        call_command("import_roster", str(path))


def test_a_workbook_declaring_the_whole_sheet_is_refused_within_bounds(org):
    from tests.tabular.hostile import bounded, with_last_cell

    data = with_last_cell([["employee_id", "name", "unit"], ["E1", "甲", "總行"]])
    assert len(data) < 6000
    roster_import = bounded(lambda: roster_preview(file_name="roster.xlsx", data=data))
    assert roster_import.status == RosterImport.Status.INVALID
    assert Person.objects.count() == 0
