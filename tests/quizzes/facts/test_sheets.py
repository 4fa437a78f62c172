"""Reading, checking and saving fact sheets."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from quizzes.models import Fact, FactSheet, Question
from quizzes.services.facts import (
    FactSheetInvalid,
    fact_sheet_apply,
    fact_sheet_preview,
)

from .conftest import GOOD, GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def located(problems):
    return [(p.row, p.column) for p in problems]


def test_good_utf8_csv_previews_then_applies(trainee, manager, numeric_template):
    rows, problems = fact_sheet_preview(file_name="facts.csv", data=csv_bytes(GOOD), person=trainee)
    assert problems == []
    assert [row.entity for row in rows][:2] == ["華夏貿易", "東方物流"]
    assert FactSheet.objects.count() == 0, "a preview saves nothing"

    sheet = fact_sheet_apply(
        file_name="facts.csv", data=csv_bytes(GOOD), person=trainee, user=manager.user
    )
    assert sheet.is_current and sheet.person == trainee and sheet.uploaded_by == manager.user
    facts = {(f.entity, f.attribute): f for f in sheet.facts.all()}
    assert len(facts) == 6
    deposits = facts[("華夏貿易", "上月日均存款")]
    assert deposits.value == "12,500,000"
    assert deposits.number == Decimal("12500000")
    assert deposits.unit_label == "元"
    assert deposits.as_of == date(2024, 5, 31)
    assert deposits.row == 2
    # Full-width digits, slashes and Chinese dates are read.
    assert facts[("東方物流", "上月日均存款")].number == Decimal("8300000")
    assert facts[("東方物流", "上月日均存款")].as_of == date(2024, 5, 31)
    assert facts[("南山電子", "上月日均存款")].number == Decimal("4200000.5")
    assert facts[("南山電子", "上月日均存款")].as_of == date(2024, 5, 31)


def test_big5_csv_with_english_headers_is_read(trainee, manager, numeric_template):
    big5 = "entity,attribute,value,unit,as_of\n" + GOOD_ROWS
    sheet = fact_sheet_apply(
        file_name="facts.csv", data=csv_bytes(big5, "big5"), person=trainee, user=manager.user
    )
    assert sheet.facts.get(entity="西湖茶業").number == Decimal("300000")


def test_big5_csv_with_chinese_headers_is_read(trainee, numeric_template):
    rows, problems = fact_sheet_preview(
        file_name="facts.csv", data=csv_bytes(GOOD, "big5"), person=trainee
    )
    assert problems == []
    assert rows[1].entity == "東方物流" and rows[1].number == Decimal("8300000")


def test_xlsx_with_date_and_number_cells(org, manager, numeric_template):
    data = xlsx_bytes(
        [
            ["實體", "屬性", "值", "單位", "截至日期"],
            ["華夏貿易", "上月日均存款", 12500000, "元", date(2024, 5, 31)],
            ["東方物流", "上月日均存款", "8,300,000", "元", "2024-05-31"],
            ["南山電子", "上月日均存款", 4200000.25, "元", date(2024, 5, 31)],
        ]
    )
    sheet = fact_sheet_apply(
        file_name="facts.xlsx", data=data, unit=org["pudong_team"], user=manager.user
    )
    assert sheet.unit == org["pudong_team"] and sheet.person is None
    numbers = dict(sheet.facts.values_list("entity", "number"))
    assert numbers == {
        "華夏貿易": Decimal("12500000"),
        "東方物流": Decimal("8300000"),
        "南山電子": Decimal("4200000.25"),
    }
    assert set(sheet.facts.values_list("as_of", flat=True)) == {date(2024, 5, 31)}


GOOD_ROW = "華夏貿易,上月日均存款,100,元,2024-05-31\n"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (",上月日均存款,100,元,2024-05-31", "entity"),
        ("東方物流,,100,元,2024-05-31", "attribute"),
        ("東方物流,上月日均存款,,元,2024-05-31", "value"),
        ("東方物流,上月日均存款,一百萬,元,2024-05-31", "value"),
        ("東方物流,上月日均存款,100萬,元,2024-05-31", "value"),
        ('東方物流,上月日均存款,"1,00",元,2024-05-31', "value"),
        ("東方物流,上月日均存款,100,元,2024-13-01", "as_of"),
        ("東方物流,上月日均存款,100,元,上個月", "as_of"),
        ("東方物流,上月日均存款,100,元,", "as_of"),
        ("華夏貿易,上月日均存款,200,元,2024-05-31", "entity"),  # duplicate of row 2
        ("东方物流" + "x" * 200 + ",上月日均存款,100,元,2024-05-31", "entity"),
    ],
)
def test_each_bad_row_is_located_and_nothing_is_saved(
    trainee, manager, numeric_template, row, column
):
    data = csv_bytes(HEADER + GOOD_ROW + row + "\n")
    rows, problems = fact_sheet_preview(file_name="facts.csv", data=data, person=trainee)
    assert located(problems) == [(3, column)]
    assert problems[0].message
    with pytest.raises(FactSheetInvalid) as raised:
        fact_sheet_apply(file_name="facts.csv", data=data, person=trainee, user=manager.user)
    assert located(raised.value.problems) == [(3, column)]
    assert FactSheet.objects.count() == Fact.objects.count() == Question.objects.count() == 0


def test_text_values_are_fine_where_no_template_asks_for_a_number(trainee, numeric_template):
    data = csv_bytes(HEADER + GOOD_ROW + "華夏貿易,行業,批發貿易,,2024-05-31\n")
    rows, problems = fact_sheet_preview(file_name="facts.csv", data=data, person=trainee)
    assert problems == []
    assert rows[1].number is None


def test_all_problems_are_reported_at_once(trainee, manager, numeric_template):
    data = csv_bytes(
        HEADER
        + GOOD_ROW
        + ",上月日均存款,abc,元,2024-05-31\n"
        + "東方物流,上月日均存款,100,元,31/05/2024\n"
        + "華夏貿易,上月日均存款,100,元,2024-05-31\n"
    )
    with pytest.raises(FactSheetInvalid) as raised:
        fact_sheet_apply(file_name="facts.csv", data=data, person=trainee, user=manager.user)
    assert located(raised.value.problems) == [
        (3, "entity"),
        (3, "value"),
        (4, "as_of"),
        (5, "entity"),
    ]
    assert "row 3" in str(raised.value)
    assert FactSheet.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("facts.csv", b""),
        ("facts.csv", "客戶,項目,數值\n華夏貿易,存款,1\n".encode()),  # no as-of column
        ("facts.csv", "客戶,項目,數值,截至日期,顏色\n".encode()),  # unknown column
        ("facts.csv", HEADER.encode()),  # no rows
        ("facts.pdf", b"%PDF"),
        ("facts.xlsx", b"not a workbook"),
    ],
)
def test_unreadable_files_are_one_problem_for_the_whole_file(trainee, manager, name, data):
    rows, problems = fact_sheet_preview(file_name=name, data=data, person=trainee)
    assert len(problems) == 1 and problems[0].row is None
    with pytest.raises(FactSheetInvalid):
        fact_sheet_apply(file_name=name, data=data, person=trainee, user=manager.user)
    assert FactSheet.objects.count() == 0


def test_too_large_a_file_is_refused(trainee, settings):
    data = csv_bytes(HEADER + GOOD_ROW * 60000)
    rows, problems = fact_sheet_preview(file_name="facts.csv", data=data, person=trainee)
    assert rows == [] and problems[0].row is None and "MB" in problems[0].message


def test_a_malformed_template_stops_the_upload(trainee, numeric_template):
    numeric_template.stem = "{entity 的存款"
    numeric_template.save()
    rows, problems = fact_sheet_preview(
        file_name="facts.csv", data=csv_bytes(HEADER + GOOD_ROW), person=trainee
    )
    assert located(problems) == [(None, "")]
    assert "上月日均存款" in problems[0].message


def test_a_sheet_is_for_a_person_or_a_team_not_both(org, trainee):
    with pytest.raises(ValueError):
        fact_sheet_preview(
            file_name="facts.csv", data=csv_bytes(GOOD), person=trainee, unit=org["pudong_team"]
        )
    with pytest.raises(ValueError):
        fact_sheet_preview(file_name="facts.csv", data=csv_bytes(GOOD))


def test_manager_cannot_upload_outside_their_subtree(org, manager, outsider, trainee):
    for subject in ({"person": outsider}, {"unit": org["puxi_team"]}, {"unit": org["branch"]}):
        with pytest.raises(PermissionDenied):
            fact_sheet_apply(
                file_name="facts.csv", data=csv_bytes(GOOD), user=manager.user, **subject
            )
    assert FactSheet.objects.count() == 0


def test_trainee_cannot_upload_even_for_themself(trainee, teammate):
    for person in (trainee, teammate):
        with pytest.raises(PermissionDenied):
            fact_sheet_apply(
                file_name="facts.csv", data=csv_bytes(GOOD), person=person, user=trainee.user
            )


def test_manager_may_upload_for_units_and_people_of_their_subtree(org, manager, trainee):
    fact_sheet_apply(file_name="a.csv", data=csv_bytes(GOOD), person=trainee, user=manager.user)
    fact_sheet_apply(
        file_name="b.csv", data=csv_bytes(GOOD), unit=org["pudong_team"], user=manager.user
    )
    fact_sheet_apply(file_name="c.csv", data=csv_bytes(GOOD), unit=org["pudong"], user=manager.user)
    assert FactSheet.objects.count() == 3


def test_a_new_sheet_replaces_the_current_one_of_the_same_subject(org, manager, trainee):
    first = fact_sheet_apply(
        file_name="a.csv", data=csv_bytes(GOOD), person=trainee, user=manager.user
    )
    team = fact_sheet_apply(
        file_name="t.csv", data=csv_bytes(GOOD), unit=org["pudong_team"], user=manager.user
    )
    second = fact_sheet_apply(
        file_name="b.csv", data=csv_bytes(GOOD), person=trainee, user=manager.user
    )
    first.refresh_from_db()
    team.refresh_from_db()
    assert not first.is_current
    assert second.is_current and team.is_current, "another subject's sheet stays current"
