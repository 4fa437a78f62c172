"""The courses demo is data (Markdown pages with a YAML header in
courses/demo/): a mistake in a page is reported with its file and line."""

import shutil

import pytest

from courses import demo
from demofiles import DemoDataError

CASE = "catalogue/01-winning-enterprise-customers/cases/02-supermarket-chain-price-war.md"
REVIEW = "risk-reviews/reviews/03-restaurant-chain-rejected.md"
LESSON = "catalogue/02-deposit-products/lessons/01-deposit-essentials.md"


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "courses" / "demo"
    shutil.copytree(demo.FOLDER, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def edit(path, old, new) -> int:
    """Replace `old` by `new` in the file; the line number of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_shipped_pages_read_as_the_demo_had_them():
    data = demo.data()
    assert [spec["course"]["slug"] for spec in data["courses"]] == [
        "winning-enterprise-customers",
        "deposit-products",
    ]
    case = data["courses"][0]["cases"][1]
    assert case["slug"] == "supermarket-chain-price-war" and case["outcome"] == "failure"
    assert case["client_profile"].startswith("A 公司是一家區域連鎖商超")
    assert len(case["decision_points"]) == 2 and len(case["timeline"]) == 6
    assert [r["slug"] for r in data["risk"]["reviews"]][2] == "restaurant-chain-rejected"
    assert data["risk"]["reviews"][2]["mitigants"] == ""


def test_a_review_naming_an_unknown_risk_factor_is_located(folder):
    line = edit(
        folder / REVIEW,
        "factors:\n  - 現金流不足\n  - 擔保不足",
        "factors:\n  - 現金流不足\n  - 擔保太少",
    )
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    assert str(raised.value) == (
        f"courses/demo/{REVIEW}, line {line}: factors 擔保太少 are not in risk-factors.yaml"
    )


def test_a_wrong_outcome_and_a_misspelt_section_are_located(folder):
    line = edit(folder / CASE, "outcome: failure", "outcome: lost")
    with pytest.raises(DemoDataError, match=rf"price-war.md, line {line}: outcome “lost”"):
        demo.data(folder)
    edit(folder / CASE, "outcome: lost", "outcome: failure")
    edit(folder / CASE, "# how_it_went", "# how_it_was")
    with pytest.raises(DemoDataError, match=r"line 2: missing how_it_went"):
        demo.data(folder)


def test_a_decision_point_missing_its_expert_answer_is_located(folder):
    line = edit(folder / CASE, "  - prompt: 競爭行跟進降價之後", "  - prompt: 競爭行跟進降價之後")
    edit(
        folder / CASE, "    expert_answer: |-\n      停止降價", "    expert_ans: |-\n      停止降價"
    )
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    assert str(raised.value).startswith(f"courses/demo/{CASE}, line {line}: missing expert_answer")


def test_a_header_left_open_is_located(folder):
    path = folder / LESSON
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\n", 1), encoding="utf-8")
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    assert str(raised.value).startswith(f"courses/demo/{LESSON}, line ")


def test_a_section_no_page_field_has_is_located_at_its_heading(folder):
    path = folder / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# notes\n\n內部備註。\n", encoding="utf-8")
    line = text.count("\n") + 2
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    assert str(raised.value).startswith(f"courses/demo/{CASE}, line {line}: unknown notes")
