import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from people.models import Person, RosterImport
from people.roles import GROUP_NAMES, Role
from people.roster import COLUMN_LABELS, RosterInvalid, column_label, roster_apply, roster_preview
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "employee_id,name,unit,position,hire_date,manager,roles\n"
GOOD = (
    HEADER
    + "E1,王小明,總行/華東分行/浦東支行/浦東一隊,客戶經理,2024-03-01,no,trainee\n"
    + "E2,李大華,總行/華東分行/浦東支行,支行行長,2015/07/15,yes,manager;trainer\n"
    + "E3,陳風險,總行,風險經理,2010年1月5日,否,風險專家\n"
)


def preview(text, name="roster.csv", encoding="utf-8"):
    return roster_preview(file_name=name, data=text.encode(encoding))


def errors_of(roster_import):
    return [(e["row"], e["column"]) for e in roster_import.errors]


def test_good_file_previews_then_applies(org):
    roster_import = preview(GOOD)
    assert roster_import.status == RosterImport.Status.PREVIEWED
    assert roster_import.summary["creates"] == 3
    assert Person.objects.count() == 0, "a preview changes nobody"

    roster_apply(roster_import=roster_import)

    wang = Person.objects.get(employee_id="E1")
    assert wang.unit == org["pudong_team"]
    assert wang.hire_date == date(2024, 3, 1)
    assert wang.user.username == "E1"
    assert not wang.user.has_usable_password()
    assert set(wang.user.groups.values_list("name", flat=True)) == {GROUP_NAMES[Role.TRAINEE]}

    li = Person.objects.get(employee_id="E2")
    assert list(li.managed_units.all()) == [org["pudong"]]
    assert set(li.user.groups.values_list("name", flat=True)) == {
        GROUP_NAMES[Role.MANAGER],
        GROUP_NAMES[Role.TRAINER],
    }
    chen = Person.objects.get(employee_id="E3")
    assert chen.hire_date == date(2010, 1, 5)
    assert set(chen.user.groups.values_list("name", flat=True)) == {GROUP_NAMES[Role.RISK_EXPERT]}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("E9,甲,總行/不存在,職員,2024-01-01,no,trainee", "unit"),
        ("E9,甲,總行,職員,2024-13-01,no,trainee", "hire_date"),
        ("E9,甲,總行,職員,yesterday,no,trainee", "hire_date"),
        ("E9,甲,總行,職員,2099-01-01,no,trainee", "hire_date"),
        ("E9,甲,總行,職員,2024-01-01,maybe,trainee", "manager"),
        ("E9,甲,總行,職員,2024-01-01,no,wizard", "roles"),
        (",甲,總行,職員,2024-01-01,no,trainee", "employee_id"),
        ("E 9,甲,總行,職員,2024-01-01,no,trainee", "employee_id"),
        ("E9,,總行,職員,2024-01-01,no,trainee", "name"),
        ("E9,甲,,職員,2024-01-01,no,trainee", "unit"),
    ],
)
def test_each_bad_row_is_located_and_nothing_changes(org, row, column):
    roster_import = preview(HEADER + "E1,王小明,總行,職員,2024-03-01,no,trainee\n" + row + "\n")
    assert roster_import.status == RosterImport.Status.INVALID
    assert errors_of(roster_import) == [(3, column)]
    with pytest.raises(RosterInvalid):
        roster_apply(roster_import=roster_import)
    assert Person.objects.count() == 0


def test_duplicate_employee_id_names_both_rows(org):
    roster_import = preview(HEADER + "E1,甲,總行,,,,\nE2,乙,總行,,,,\nE1,丙,總行,,,,\n")
    assert errors_of(roster_import) == [(4, "employee_id")]
    assert (
        "row 2" in roster_import.errors[0]["message"] or "2" in roster_import.errors[0]["message"]
    )


def test_all_errors_are_reported_at_once(org):
    roster_import = preview(HEADER + "E1,甲,總行/X,,bad,maybe,wizard\n")
    assert errors_of(roster_import) == [(2, "hire_date"), (2, "manager"), (2, "roles"), (2, "unit")]


def test_unknown_and_missing_columns_refuse_the_file(org):
    unknown = preview("employee_id,name,unit,shoe size\nE1,甲,總行,42\n")
    assert unknown.status == RosterImport.Status.INVALID
    assert "shoe size" in unknown.errors[0]["message"]
    missing = preview("employee_id,name\nE1,甲\n")
    assert "unit" in missing.errors[0]["message"]


def test_re_import_updates_in_place(org):
    roster_apply(roster_import=preview(GOOD))
    first_pk = Person.objects.get(employee_id="E1").pk
    changed = GOOD.replace("浦東支行/浦東一隊,客戶經理", "浦西支行/浦西一隊,高級客戶經理").replace(
        "2015/07/15,yes", "2015/07/15,no"
    )
    roster_import = preview(changed)
    plan = {row["employee_id"]: row for row in roster_import.summary["plan"]}
    assert plan["E1"]["action"] == "update"
    assert set(plan["E1"]["changes"]) == {"unit", "position"}
    assert plan["E2"]["changes"] == ["manages"]
    assert plan["E3"]["action"] == "unchanged"

    roster_apply(roster_import=roster_import)
    wang = Person.objects.get(employee_id="E1")
    assert wang.pk == first_pk
    assert wang.unit == org["puxi_team"]
    assert Person.objects.get(employee_id="E2").managed_units.count() == 0
    assert Person.objects.count() == 3


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hant", ["員工編號", "姓名", "單位", "職位", "入職日期"]),
        ("zh-hans", ["员工编号", "姓名", "单位", "职位", "入职日期"]),
        ("en", ["Employee id", "Name", "Unit", "Position", "Hire date"]),
    ],
)
def test_column_labels_are_headers_the_roster_accepts(org, language, labels):
    """The preview names columns as a file in that language heads them."""
    with translation.override(language):
        assert [column_label(key) for key in list(COLUMN_LABELS)[:5]] == labels
        assert column_label("unit_id") == labels[2]
        header = ",".join(column_label(key) for key in COLUMN_LABELS)
    row = "E1,王小明,總行,櫃員,2024-03-01,no,trainee,wang@example.com,junior,\n"
    roster_import = preview(header + "\n" + row)
    assert roster_import.status == RosterImport.Status.PREVIEWED, roster_import.errors


def test_re_import_keeps_other_groups_and_managed_units(org):
    roster_apply(roster_import=preview(GOOD))
    li = Person.objects.get(employee_id="E2")
    li.managed_units.add(org["puxi"])
    roster_apply(roster_import=preview(GOOD.replace("manager;trainer", "manager")))
    li.refresh_from_db()
    assert set(li.managed_units.all()) == {org["pudong"], org["puxi"]}
    assert GROUP_NAMES[Role.TRAINER] not in set(li.user.groups.values_list("name", flat=True))


def test_apply_rechecks_the_database(org):
    roster_import = preview(GOOD)
    org["pudong_team"].delete()
    with pytest.raises(RosterInvalid) as excinfo:
        roster_apply(roster_import=roster_import)
    assert excinfo.value.errors[0].column == "unit"
    assert Person.objects.count() == 0


def test_an_applied_import_cannot_be_applied_twice(org):
    roster_import = preview(GOOD)
    roster_apply(roster_import=roster_import)
    with pytest.raises(RosterInvalid):
        roster_apply(roster_import=roster_import)


def test_login_without_profile_is_an_error(org):
    UserFactory(username="E1")
    roster_import = preview(GOOD)
    assert errors_of(roster_import) == [(2, "employee_id")]


def test_existing_person_is_matched_not_duplicated(org):
    PersonFactory(employee_id="E1", name="王小明", unit=org["head"])
    roster_import = preview(GOOD)
    assert roster_import.summary["creates"] == 2
    assert roster_import.summary["updates"] == 1


CHINESE_HEADER = "員工編號,姓名,單位,職位,入職日期,管理者,角色\n"
CHINESE_ROWS = "E1,王小明,總行/華東分行/浦東支行/浦東一隊,客戶經理,2024-03-01,否,學員\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_csv_encodings(org, encoding):
    text = CHINESE_HEADER + CHINESE_ROWS
    roster_import = preview(text, encoding=encoding)
    assert roster_import.errors == []
    roster_apply(roster_import=roster_import)
    assert Person.objects.get(employee_id="E1").name == "王小明"


def test_simplified_headers_in_gb18030(org):
    text = "员工编号,姓名,单位,职位,入职日期,管理者,角色\n" + CHINESE_ROWS.replace("學員", "学员")
    roster_import = preview(text, encoding="gb18030")
    assert roster_import.errors == []


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_dates(org):
    data = xlsx_bytes(
        [
            ["員工編號", "姓名", "單位", "職位", "入職日期", "管理者", "角色"],
            [
                "E1",
                "王小明",
                "總行/華東分行/浦東支行/浦東一隊",
                "客戶經理",
                date(2024, 3, 1),
                "否",
                "學員",
            ],
            [1002, "李大華", "總行/華東分行/浦東支行", "支行行長", "2015-07-15", "是", "管理者"],
        ]
    )
    roster_import = roster_preview(file_name="roster.xlsx", data=data)
    assert roster_import.errors == []
    roster_apply(roster_import=roster_import)
    assert Person.objects.get(employee_id="E1").hire_date == date(2024, 3, 1)
    assert Person.objects.get(employee_id="1002").managed_units.get() == org["pudong"]


def test_xlsx_errors_name_the_row(org):
    data = xlsx_bytes([["employee_id", "name", "unit"], ["E1", "甲", "總行"], ["E2", "乙", "火星"]])
    roster_import = roster_preview(file_name="roster.xlsx", data=data)
    assert errors_of(roster_import) == [(3, "unit")]


def test_broken_xlsx_and_wrong_type_are_refused(org):
    assert roster_preview(file_name="r.xlsx", data=b"not a zip").status == "invalid"
    assert roster_preview(file_name="r.pdf", data=b"%PDF").status == "invalid"
    assert roster_preview(file_name="r.csv", data=b"").status == "invalid"


def test_file_size_limit(org, settings):
    settings.PEOPLE_ROSTER_MAX_BYTES = 100
    roster_import = preview(GOOD * 3)
    assert roster_import.status == "invalid"


def test_command_dry_run_then_apply(org, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_roster", str(path))
    assert Person.objects.count() == 0
    assert "Dry run" in capsys.readouterr().out
    call_command("import_roster", str(path), "--apply")
    assert Person.objects.count() == 3


def test_command_reports_errors_with_rows(org, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + "E1,甲,總行/火星,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), "--apply")
    assert "row 2, unit" in capsys.readouterr().err
    assert Person.objects.count() == 0
