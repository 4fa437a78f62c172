import pytest

from quizzes.importers.gift import parse_gift, read_gift
from quizzes.importers.gift_export import export_gift
from quizzes.importers.parsed import ParsedQuestion, numeric_catch_all
from quizzes.importers.spreadsheet import parse_spreadsheet, template_csv


def content(question):
    return (
        question.name,
        question.qtype,
        question.stem,
        question.payload,
        question.general_feedback,
        question.category,
    )


def round_trip(questions):
    return parse_gift(export_gift(questions))


def question(qtype, payload, *, name="名稱", stem="題幹？", general_feedback="", category=""):
    return ParsedQuestion(
        line=1,
        qtype=qtype,
        name=name,
        stem=stem,
        payload=payload,
        general_feedback=general_feedback,
        category=category,
    )


TRICKY = "a{b}c~d=e#f:g\\h\nsecond line -> [x] 100% *ok*"


def choices(*fractions, text=TRICKY):
    return {
        "choices": [
            {"text": f"{text} {index}", "fraction": fraction, "feedback": f"{TRICKY} fb{index}"}
            for index, fraction in enumerate(fractions)
        ]
    }


def numeric_answer(value, tolerance=0.0, fraction=1.0, feedback="", kind="absolute"):
    return {
        "value": value,
        "tolerance": tolerance,
        "tolerance_kind": kind,
        "fraction": fraction,
        "feedback": feedback,
    }


ROUND_TRIPS = {
    "single": question("single", choices(0, 1.0, 0.5, -0.25), general_feedback=TRICKY),
    "single, every choice right": question("single", choices(1.0, 1.0)),
    "single, text starting with [": question(
        "single", choices(1.0, 0, text="[plain] is not a format here")
    ),
    "multiple, thirds": question("multiple", choices(0.3333333, 0.3333333, 0.3333333, -1.0)),
    "multiple, one full weight": question("multiple", choices(1.0, 0.0)),
    "true": question(
        "true_false", {"answer": True, "feedback_true": TRICKY, "feedback_false": "no"}
    ),
    "false, right feedback only": question(
        "true_false", {"answer": False, "feedback_true": "", "feedback_false": "對"}
    ),
    "false, wrong feedback only": question(
        "true_false", {"answer": False, "feedback_true": "錯", "feedback_false": ""}
    ),
    "short": question(
        "short",
        {
            "answers": [
                {"text": "一口清 {=~#:}", "fraction": 1.0, "feedback": "好"},
                {"text": "[partial]", "fraction": 0.5, "feedback": ""},
                {"text": "*", "fraction": 0.0, "feedback": "再想想"},
            ]
        },
    ),
    "numeric": question(
        "numeric",
        {
            "answers": [
                numeric_answer(1.5, 0.05, 1.0, "對"),
                numeric_answer(-1e-05, 2.5, 0.5),
                numeric_answer(12345678.9),
                numeric_catch_all("any other number"),
            ],
            "unit": "",
        },
    ),
    "matching": question(
        "matching",
        {
            "pairs": [
                {"left": "國債 *low*", "right": "低風險 {a=b} #1"},
                {"left": "[股票]", "right": "高風險 -> 很高"},
            ],
            "distractors": ["中風險: ~"],
        },
    ),
    "missing word": question("single", choices(1.0, 0), stem="感恩節在十一月的第 _____ 個星期四。"),
    "missing word at the start": question(
        "short",
        {"answers": [{"text": "x", "fraction": 1.0, "feedback": ""}]},
        stem="_____ 是首都。",
    ),
    "name with escapes": question(
        "true_false",
        {"answer": True, "feedback_true": "", "feedback_false": ""},
        name="a::b {c} #d",
    ),
    "stem with escapes": question(
        "true_false",
        {"answer": True, "feedback_true": "", "feedback_false": ""},
        stem=TRICKY + "\n\n// not a comment",
    ),
}


@pytest.mark.parametrize("key", ROUND_TRIPS)
def test_round_trip(key):
    original = ROUND_TRIPS[key]
    [back] = round_trip([original])
    assert content(back) == content(original)


@pytest.mark.parametrize(
    "name", ["gift-questions.gift.txt", "gift-questions-in-category.gift.txt", "gift-examples.txt"]
)
def test_moodle_files_round_trip(moodle_file, name):
    questions = read_gift(moodle_file(name)).questions
    assert [content(q) for q in round_trip(questions)] == [content(q) for q in questions]


def test_spreadsheet_questions_round_trip_except_ordering_and_recall():
    questions = parse_spreadsheet("t.csv", template_csv().encode())
    exported = export_gift(questions)
    assert "// skipped: 把開戶的步驟排好順序。 (ordering has no GIFT form)" in exported
    assert "// skipped: 本支行轄區有幾個社區？ (recall has no GIFT form)" in exported
    expressible = [q for q in questions if q.qtype not in ("ordering", "recall")]
    for q in expressible:
        if q.qtype == "numeric":
            q.payload["unit"] = ""  # GIFT has no units
    assert [content(q) for q in parse_gift(exported)] == [content(q) for q in expressible]


def test_categories_are_written_when_they_change():
    exported = export_gift(
        [
            question("true_false", {"answer": True}, stem="A", category=""),
            question("true_false", {"answer": True}, stem="B", category="產品/存款"),
            question("true_false", {"answer": True}, stem="C", category="產品/存款"),
            question("true_false", {"answer": False}, stem="D", category=""),
        ]
    )
    assert exported.count("$CATEGORY:") == 2
    assert [(q.stem, q.category) for q in parse_gift(exported)] == [
        ("A", ""),
        ("B", "產品/存款"),
        ("C", "產品/存款"),
        ("D", ""),
    ]


def test_the_written_form():
    exported = export_gift(
        [
            question(
                "single",
                {
                    "choices": [
                        {"text": "甲", "fraction": 1.0, "feedback": "對"},
                        {"text": "乙", "fraction": 0.0, "feedback": ""},
                    ]
                },
                name="選擇",
                stem="哪個？",
                general_feedback="因為",
                category="產品",
            ),
            question(
                "numeric", {"answers": [numeric_answer(5.0, 10.0, kind="percent")], "unit": "元"}
            ),
        ]
    )
    assert exported == (
        "$CATEGORY: 產品\n\n"
        "::選擇::[markdown]哪個？{\n\t=甲#對\n\t~乙\n\t####因為\n}\n\n"
        "$CATEGORY:\n\n"
        # GIFT knows no percentages or units: 10% of 5 is written as 0.5.
        "::名稱::[markdown]題幹？{#\n\t=%100%5:0.5\n}\n"
    )


def test_what_gift_cannot_say_is_skipped_with_a_comment():
    short = question(
        "short", {"answers": [{"text": "a -> b", "fraction": 1.0, "feedback": ""}]}, name="箭頭"
    )
    ordering = question("ordering", {"items": ["一", "二"]}, name="排序\n題")
    assert export_gift([short, ordering]).splitlines() == [
        "// skipped: 箭頭 (short: “->” in a short answer has no GIFT form)",
        "",
        "// skipped: 排序 題 (ordering has no GIFT form)",
    ]
