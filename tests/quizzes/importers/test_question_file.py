"""parse_question_file: size limit, encodings and the choice of format."""

import codecs

import pytest

from quizzes.importers import ImportRefused, parse_question_file, read_question_file, template_csv

from .test_spreadsheet import xlsx_bytes

GIFT_TRADITIONAL = """\
// 存款產品
$CATEGORY: 產品/存款

::活期存款::活期存款可以隨時支取嗎？{TRUE#請再想想。#答對了！}

::定期利率::一年期定期存款的年利率是多少（%）？{#1.5:0.05}

::風險等級::下列哪一項屬於低風險產品？{
    =國債#正確，國債風險最低。
    ~股票型基金#股票型基金風險較高。
    ~期貨#期貨屬於高風險。
}
"""

GIFT_SIMPLIFIED = """\
::风险提示::客户经理向客户介绍理财产品时必须说明风险等级。{T}

::开户证件::开立个人账户可以使用哪些证件？{
    ~%50%居民身份证
    ~%50%护照
    ~%-100%驾驶证#驾驶证不能作为开户证件。
}
"""

AIKEN_TRADITIONAL = """\
客戶經理每季度至少應回訪高淨值客戶幾次？
A) 一次
B) 兩次
C) 三次
ANSWER: A

下列哪一項不屬於反洗錢的客戶盡職調查？
A. 核實身分
B. 了解資金來源
C. 推薦高收益產品
ANSWER: C
"""

AIKEN_SIMPLIFIED = """\
客户经理每季度至少应回访高净值客户几次？
A) 一次
B) 两次
ANSWER: A
"""


def check_traditional_gift(questions):
    truth, rate, risk = questions
    assert {q.category for q in questions} == {"產品/存款"}
    assert (truth.name, truth.stem) == ("活期存款", "活期存款可以隨時支取嗎？")
    assert truth.payload == {
        "answer": True,
        "feedback_true": "答對了！",
        "feedback_false": "請再想想。",
    }
    assert rate.payload["answers"][0]["value"] == 1.5
    assert rate.payload["answers"][0]["tolerance"] == 0.05
    assert risk.payload["choices"] == [
        {"text": "國債", "fraction": 1.0, "feedback": "正確，國債風險最低。"},
        {"text": "股票型基金", "fraction": 0.0, "feedback": "股票型基金風險較高。"},
        {"text": "期貨", "fraction": 0.0, "feedback": "期貨屬於高風險。"},
    ]


def check_simplified_gift(questions):
    warning, papers = questions
    assert warning.stem == "客户经理向客户介绍理财产品时必须说明风险等级。"
    assert papers.qtype == "multiple"
    assert papers.payload["choices"][2] == {
        "text": "驾驶证",
        "fraction": -1.0,
        "feedback": "驾驶证不能作为开户证件。",
    }


def check_traditional_aiken(questions):
    first, second = questions
    assert first.stem == "客戶經理每季度至少應回訪高淨值客戶幾次？"
    assert [c["text"] for c in first.payload["choices"]] == ["一次", "兩次", "三次"]
    assert [c["fraction"] for c in second.payload["choices"]] == [0.0, 0.0, 1.0]


def check_simplified_aiken(questions):
    [question] = questions
    assert question.stem == "客户经理每季度至少应回访高净值客户几次？"
    assert [c["text"] for c in question.payload["choices"]] == ["一次", "两次"]


ENCODED = [
    ("utf-8", GIFT_TRADITIONAL, "題庫.gift", check_traditional_gift),
    ("utf-8-sig", GIFT_TRADITIONAL, "題庫.txt", check_traditional_gift),
    ("gb18030", GIFT_SIMPLIFIED, "题库.txt", check_simplified_gift),
    ("big5", GIFT_TRADITIONAL, "題庫.gift", check_traditional_gift),
    ("utf-8", AIKEN_TRADITIONAL, "題庫.txt", check_traditional_aiken),
    ("utf-8-sig", AIKEN_TRADITIONAL, "題庫.aiken", check_traditional_aiken),
    ("gb18030", AIKEN_SIMPLIFIED, "题库.txt", check_simplified_aiken),
    ("big5", AIKEN_TRADITIONAL, "題庫.txt", check_traditional_aiken),
]


@pytest.mark.parametrize(
    ("encoding", "text", "file_name", "check"),
    ENCODED,
    ids=[f"{e[2]}-{e[0]}" for e in ENCODED],
)
def test_encodings(encoding, text, file_name, check):
    data = text.encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    check(parse_question_file(file_name, data))


def test_windows_line_endings_in_gb18030():
    data = GIFT_SIMPLIFIED.replace("\n", "\r\n").encode("gb18030")
    check_simplified_gift(parse_question_file("题库.gift", data))


class TestSizeLimit:
    def test_a_file_over_the_limit_is_refused_before_reading(self):
        data = ("問題？{T}\n\n" * 200).encode()
        with pytest.raises(ImportRefused) as refused:
            parse_question_file("big.gift", data, max_bytes=1024)
        [problem] = refused.value.problems
        assert (problem.line, problem.column) == (None, None)
        assert problem.message == (
            "The file is 2.7\xa0KB; files up to 1.0\xa0KB can be imported. Split it into smaller files."
        )

    def test_the_default_limit_comes_from_the_settings(self, settings):
        settings.QUIZZES_IMPORT_MAX_BYTES = 10
        with pytest.raises(ImportRefused):
            parse_question_file("q.gift", b"Question?{T}\n")
        settings.QUIZZES_IMPORT_MAX_BYTES = 100
        assert len(parse_question_file("q.gift", b"Question?{T}\n")) == 1


class TestFormat:
    def test_a_txt_file_with_braces_is_gift(self):
        assert parse_question_file("q.txt", b"Q?{T}\n")[0].qtype == "true_false"

    def test_a_txt_file_with_answer_lines_is_aiken(self):
        assert parse_question_file("q.txt", b"Q?\nA) a\nB) b\nANSWER: B\n")[0].qtype == "single"

    def test_format_overrides_the_extension(self):
        data = b"Q?\nA) a\nB) b\nANSWER: B\n"
        assert parse_question_file("q.gift", data, format="aiken")[0].qtype == "single"
        with pytest.raises(ImportRefused):  # as GIFT, these lines are a description
            parse_question_file("q.aiken", data, format="gift")

    def test_spreadsheets(self):
        assert len(parse_question_file("題庫.csv", template_csv().encode("utf-8-sig"))) == 8
        assert (
            len(parse_question_file("export", template_csv().encode(), format="spreadsheet")) == 8
        )
        workbook = xlsx_bytes(["type", "stem", "back"], [["recall", "正面", "背面"]])
        assert len(parse_question_file("upload", workbook, format="spreadsheet")) == 1

    def test_an_unknown_format_is_a_programming_error(self):
        with pytest.raises(ValueError):
            parse_question_file("q.gift", b"Q?{T}", format="xml")

    @pytest.mark.parametrize(
        ("file_name", "data", "message"),
        [
            (
                "q.docx",
                b"Q?{T}",
                "Upload a .gift, .txt (GIFT or Aiken), .aiken, .csv or .xlsx file.",
            ),
            (
                "q.xls",
                b"\xd0\xcf\x11\xe0",
                "Save the sheet as .xlsx (Excel 97–2003 .xls files cannot be read).",
            ),
            ("q.gift", b"  \n\n", "The file is empty."),
            ("q.gift", b"// only a comment\n", "The file contains no questions."),
            ("q.csv", b"type,stem\n", "The file contains no questions."),
            (
                "q.gift",
                b"Q?{\xff\xff}",
                "The file is not text in UTF-8, GB18030 or Big5 (tried utf-8, gb18030, big5).",
            ),
        ],
    )
    def test_files_that_cannot_be_read(self, file_name, data, message):
        with pytest.raises(ImportRefused) as refused:
            parse_question_file(file_name, data)
        assert [p.message for p in refused.value.problems] == [message]

    def test_read_question_file_shows_questions_and_problems_together(self):
        result = read_question_file("q.gift", b"Good?{T}\n\nEssay?{}\n")
        assert [q.stem for q in result.questions] == ["Good?"]
        assert [p.line for p in result.problems] == [3]
