import csv
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from quizzes.importers import ImportRefused
from quizzes.importers.spreadsheet import (
    COLUMN_ALIASES,
    TEMPLATE_COLUMNS,
    parse_spreadsheet,
    read_spreadsheet,
    template_csv,
)
from quizzes.validation import validate_question

COLUMNS = [column.name for column in TEMPLATE_COLUMNS]


def csv_bytes(rows: list[dict], columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def problems_of(rows: list[dict]) -> list[tuple[int | None, int | None, str]]:
    return [
        (p.line, p.column, p.message) for p in read_spreadsheet("q.csv", csv_bytes(rows)).problems
    ]


def column(name: str) -> int:
    return COLUMNS.index(name) + 1


class TestTemplate:
    def test_the_template_has_an_example_of_every_type_and_reads_back(self):
        questions = parse_spreadsheet("題庫範本.csv", template_csv().encode("utf-8-sig"))
        assert [q.qtype for q in questions] == [
            "single",
            "multiple",
            "true_false",
            "short",
            "numeric",
            "ordering",
            "matching",
            "recall",
        ]
        for question in questions:
            validate_question(qtype=question.qtype, stem=question.stem, payload=question.payload)

    def test_the_template_reads_in_its_details(self):
        single, multiple, true_false, short, numeric, ordering, matching, recall = (
            parse_spreadsheet("t.csv", template_csv().encode())
        )
        assert (single.line, single.category, single.topic, single.difficulty) == (
            2,
            "產品/存款",
            "存款",
            2,
        )
        assert single.name == single.stem == "活期存款的特點是什麼？"
        assert single.general_feedback == "活期存款可隨時支取，利率較低。"
        assert [c["fraction"] for c in single.payload["choices"]] == [1.0, 0.0, 0.0]
        assert [c["fraction"] for c in multiple.payload["choices"]] == [0.5, 0.5, 0.0]
        assert true_false.payload == {"answer": False, "feedback_true": "", "feedback_false": ""}
        assert [a["text"] for a in short.payload["answers"]] == ["50", "五十"]
        assert numeric.payload == {
            "answers": [
                {
                    "value": 1.5,
                    "tolerance": 0.05,
                    "tolerance_kind": "absolute",
                    "fraction": 1.0,
                    "feedback": "",
                }
            ],
            "unit": "%",
        }
        assert ordering.payload == {"items": ["核實身分", "風險評估", "簽署協議"]}
        assert matching.payload == {
            "pairs": [
                {"left": "國債", "right": "低風險"},
                {"left": "股票型基金", "right": "高風險"},
            ],
            "distractors": ["中風險"],
        }
        assert recall.payload == {"back": "12 個"}

    def test_every_template_column_has_its_chinese_header_among_the_aliases(self):
        for template_column in TEMPLATE_COLUMNS:
            assert template_column.header in COLUMN_ALIASES[template_column.name]


class TestReading:
    def test_xlsx_with_simplified_headers_and_type_names(self):
        data = xlsx_bytes(
            ["题型", "题干", "选项1", "选项2", "选项3", "正确选项", "难度", "分类"],
            [
                ["单选", "哪个是对的？", "甲", "乙", "丙", "B", 5, "产品 > 存款"],
                ["多选", "哪些是对的？", "甲", "乙", "丙", "1、3", None, None],
                ["Multiple choice", "Which?", "a", "b", "c", "a;b;c", None, None],
            ],
        )
        first, second, third = parse_spreadsheet("題庫.xlsx", data)
        assert (first.qtype, first.difficulty, first.category) == ("single", 5, "产品/存款")
        assert [c["fraction"] for c in first.payload["choices"]] == [0.0, 1.0, 0.0]
        assert [c["fraction"] for c in second.payload["choices"]] == [0.5, 0.0, 0.5]
        # Equal shares of 100% that add up within the bank's tolerance.
        assert [c["fraction"] for c in third.payload["choices"]] == [0.3333333] * 3

    def test_codes_weights_penalties_and_percent_tolerance(self):
        questions = parse_spreadsheet(
            "q.csv",
            csv_bytes(
                [
                    {
                        "type": "multiple",
                        "stem": "Q1",
                        "option_1": "a",
                        "option_2": "b",
                        "option_3": "c",
                        "correct": "1;2;3",
                        "weights": "50%;50%;-100%",
                    },
                    {
                        "type": "single",
                        "stem": "Q2",
                        "option_1": "a",
                        "option_2": "b",
                        "correct": "1;2",
                        "weights": "100;50",
                    },
                    {
                        "type": "short",
                        "stem": "Q3",
                        "option_1": "一口清",
                        "option_2": "*",
                        "weights": "100;0",
                    },
                    {
                        "type": "numeric",
                        "stem": "Q4",
                        "answer": "１,200",
                        "tolerance": "5%",
                        "unit": "元",
                    },
                    {"type": "true_false", "stem": "Q5", "answer": "T"},
                ]
            ),
        )
        assert [c["fraction"] for c in questions[0].payload["choices"]] == [0.5, 0.5, -1.0]
        assert [c["fraction"] for c in questions[1].payload["choices"]] == [1.0, 0.5]
        assert questions[2].payload["answers"][1] == {"text": "*", "fraction": 0.0, "feedback": ""}
        assert questions[3].payload["answers"][0] | {"feedback": ""} == {
            "value": 1200.0,
            "tolerance": 5.0,
            "tolerance_kind": "percent",
            "fraction": 1.0,
            "feedback": "",
        }
        assert questions[3].payload["unit"] == "元"
        assert questions[4].payload["answer"] is True


class TestFileProblems:
    def test_an_unknown_column(self):
        result = read_spreadsheet("q.csv", b"type,stem,colour\nsingle,Q,red\n")
        assert [(p.line, p.message) for p in result.problems] == [
            (None, "Row 1, column 3: unknown column “colour”.")
        ]

    def test_a_missing_required_column(self):
        result = read_spreadsheet("q.csv", b"type,name\nsingle,Q\n")
        assert [p.message for p in result.problems] == ["Row 1: missing required column(s): stem."]

    def test_a_broken_workbook(self):
        result = read_spreadsheet("q.xlsx", b"PK\x03\x04 not really")
        assert [p.message for p in result.problems] == ["The file is not a readable XLSX workbook."]

    def test_too_many_rows(self):
        rows = [{"type": "recall", "stem": f"Q{n}", "back": "A"} for n in range(3)]
        with pytest.raises(ImportRefused) as refused:
            parse_spreadsheet("q.csv", csv_bytes(rows), max_rows=2)
        assert [p.message for p in refused.value.problems] == [
            "The file has more than 2 rows; split it into smaller files."
        ]


def test_row_problems_are_located_by_row_and_column():
    rows = [
        {"type": "", "stem": "Q"},
        {"type": "essay", "stem": "Q"},
        {"type": "recall", "stem": "", "back": "B"},
        {"type": "recall", "stem": "Q", "back": "B", "difficulty": "6"},
        {"type": "single", "stem": "Q", "option_1": "a"},
        {"type": "single", "stem": "Q", "option_1": "a", "option_2": "b"},
        {"type": "single", "stem": "Q", "option_1": "a", "option_2": "b", "correct": "1;first"},
        {"type": "single", "stem": "Q", "option_1": "a", "option_2": "b", "correct": "3"},
        {"type": "single", "stem": "Q", "option_1": "a", "option_2": "b", "correct": "1;A"},
        {
            "type": "multiple",
            "stem": "Q",
            "option_1": "a",
            "option_2": "b",
            "correct": "1;2",
            "weights": "half",
        },
        {
            "type": "multiple",
            "stem": "Q",
            "option_1": "a",
            "option_2": "b",
            "correct": "1;2",
            "weights": "100",
        },
        {
            "type": "multiple",
            "stem": "Q",
            "option_1": "a",
            "option_2": "b",
            "correct": "1;2",
            "weights": "150;-150",
        },
        {
            "type": "multiple",
            "stem": "Q",
            "option_1": "a",
            "option_2": "b",
            "correct": "1;2",
            "weights": "50;40",
        },
        {
            "type": "single",
            "stem": "Q",
            "option_1": "a",
            "option_2": "b",
            "correct": "1",
            "weights": "50",
        },
        {"type": "single", "stem": "Q", "option_1": "a", "option_3": "c", "correct": "1"},
        {"type": "true_false", "stem": "Q", "answer": "maybe"},
        {"type": "numeric", "stem": "Q", "answer": "about 5"},
        {"type": "numeric", "stem": "Q", "answer": "5", "tolerance": "-1"},
        {"type": "numeric", "stem": "Q", "answer": "5", "tolerance_kind": "roughly"},
        {
            "type": "numeric",
            "stem": "Q",
            "answer": "5",
            "tolerance": "5%",
            "tolerance_kind": "absolute",
        },
        {"type": "ordering", "stem": "Q", "option_1": "only"},
        {"type": "matching", "stem": "Q", "option_1": "a => 1", "option_2": "b = 2"},
        {"type": "matching", "stem": "Q", "option_1": "a => 1", "option_2": "b =>"},
        {"type": "matching", "stem": "Q", "option_1": "a => 1", "option_2": "=> 2"},
        {"type": "recall", "stem": "Q"},
        {"type": "short", "stem": "Q"},
        {"type": "short", "stem": "Q", "option_1": "a", "weights": "50"},
        {"type": "numeric", "stem": "Q", "answer": "5", "option_1": "x", "back": "y"},
        {"type": "true_false", "stem": "Q", "answer": "對", "correct": "1", "unit": "kg"},
    ]
    got = problems_of(rows)
    expected = [
        (
            2,
            column("type"),
            "Row 2, column “type”: Give the question type, such as 單選 or single.",
        ),
        (
            3,
            column("type"),
            "Row 3, column “type”: “essay” is not a question type; use one of 單選, 多選, 判斷, 簡答, "
            "數值, 排序, 配對, 記憶卡.",
        ),
        (4, column("stem"), "Row 4, column “stem”: Write the question."),
        (
            5,
            column("difficulty"),
            "Row 5, column “difficulty”: Difficulty is a whole number from 1 (easy) to 5 (hard).",
        ),
        (
            6,
            column("option_1"),
            "Row 6, column “option 1”: Give at least two options, in option 1, option 2 and so on.",
        ),
        (
            7,
            column("correct"),
            "Row 7, column “correct”: List the right options by number, such as 1 or 1;3.",
        ),
        (
            8,
            column("correct"),
            "Row 8, column “correct”: “first” is not an option number; list the right options as 1;3 or A;C.",
        ),
        (
            9,
            column("correct"),
            "Row 9, column “correct”: There is no option 3; this question has 2 options.",
        ),
        (10, column("correct"), "Row 10, column “correct”: Option A is listed twice."),
        (
            11,
            column("weights"),
            "Row 11, column “weights”: Write the weights as percentages separated by “;”, such as 50;50.",
        ),
        (
            12,
            column("weights"),
            "Row 12, column “weights”: Give one weight for each of the 2 right options, in the same order.",
        ),
        (13, column("weights"), "Row 13, column “weights”: Weights run from -100% to 100%."),
        (
            14,
            column("weights"),
            "Row 14, column “weights”: The weights of the right choices must add up to 100%.",
        ),
        (15, column("weights"), "Row 15, column “weights”: Mark one choice as fully right."),
        (
            16,
            column("option_2"),
            "Row 16, column “option 2”: This option is empty but a later one is filled; fill the "
            "options without gaps.",
        ),
        (
            17,
            column("answer"),
            "Row 17, column “answer”: Write true or false (對 or 錯) as the answer.",
        ),
        (
            18,
            column("answer"),
            "Row 18, column “answer”: Write the answer as a number, such as 1.5.",
        ),
        (
            19,
            column("tolerance"),
            "Row 19, column “tolerance”: Write the tolerance as a number of zero or more, such as 0.05 "
            "or 5%.",
        ),
        (
            20,
            column("tolerance_kind"),
            "Row 20, column “tolerance kind”: Write absolute (絕對) or percent (百分比).",
        ),
        (
            21,
            column("tolerance_kind"),
            "Row 21, column “tolerance kind”: The tolerance is a percentage but this says absolute.",
        ),
        (
            22,
            column("option_1"),
            "Row 22, column “option 1”: Give at least two items, in their correct order, in option 1, "
            "option 2 and so on.",
        ),
        (
            23,
            column("option_2"),
            "Row 23, column “option 2”: Write a pair as “left => right”, or “=> right” for a distractor.",
        ),
        (24, column("option_2"), "Row 24, column “option 2”: The right side of the pair is empty."),
        (
            25,
            column("option_1"),
            "Row 25, column “option 1”: Give at least two pairs, each as “left => right”.",
        ),
        (26, column("back"), "Row 26, column “back”: Write the back of the card."),
        (
            27,
            column("option_1"),
            "Row 27, column “option 1”: Give the accepted answers in option 1, option 2 and so on.",
        ),
        (28, column("weights"), "Row 28, column “weights”: Give at least one fully right answer."),
        (
            29,
            column("back"),
            "Row 29, column “back”: Numeric questions do not use this column; leave it empty.",
        ),
        (
            29,
            column("option_1"),
            "Row 29, column “option 1”: Numeric questions do not use options; leave them empty.",
        ),
        (
            30,
            column("correct"),
            "Row 30, column “correct”: True or false questions do not use this column; leave it empty.",
        ),
        (
            30,
            column("unit"),
            "Row 30, column “unit”: True or false questions do not use this column; leave it empty.",
        ),
    ]
    assert got == expected
    with translation.override("zh-hant"):
        [(_line, _column, message)] = problems_of([{"type": "essay", "stem": "Q"}])
    assert message.endswith("請使用以下之一：單選、多選、判斷、簡答、數值、排序、配對、記憶卡。")


def test_all_problems_refuse_the_whole_file():
    rows = [
        {"type": "recall", "stem": "fine", "back": "B"},
        {"type": "recall", "stem": "no back"},
        {"type": "single", "stem": "no options"},
    ]
    with pytest.raises(ImportRefused) as refused:
        parse_spreadsheet("q.csv", csv_bytes(rows))
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, column("back")),
        (4, column("option_1")),
    ]
