"""Control characters and values longer than their columns, in every question
format: each is a located problem, never a 500, a stuck import or a cut."""

import json

import pytest

from imports.models import ImportRun
from imports.services import import_run_create
from quizzes.importers import read_question_file
from quizzes.importers.gift import read_gift
from quizzes.importers.limits import CATEGORY_LEVELS
from quizzes.models import Category, Question
from tests.factories import TopicFactory, UserFactory

from .test_spreadsheet import csv_bytes, xlsx_bytes

CONTROLS = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9b"]


def located(result):
    return [(p.line, p.column, p.message) for p in result.problems]


def assert_storable(result):
    """Messages never carry the control character itself (PostgreSQL's jsonb refuses a NUL)."""
    for problem in result.problems:
        assert not any(ord(c) < 0x20 and c not in "\t\n\r" for c in problem.message)
        assert not any(0x7F <= ord(c) <= 0x9F for c in problem.message)
        json.dumps(problem.as_dict())


class TestControlCharacters:
    @pytest.mark.parametrize("control", CONTROLS)
    def test_gift_names_the_line_and_column(self, control):
        text = f"::一::活期存款可以隨時支取嗎？{{T}}\n\n::二::定期{control}存款呢？{{\n=可以\n~不可以\n}}\n"
        result = read_question_file("bank.gift", text.encode())
        assert [(line, column) for line, column, _m in located(result)] == [(3, 8)]
        [(_line, _column, message)] = located(result)
        assert message.startswith("Line 3, column 8: ")
        assert f"U+{ord(control):04X}" in message
        assert_storable(result)

    def test_gift_control_in_an_answer_line(self):
        result = read_gift("Q?{\n=yes\n~n\x00o\n}\n")
        assert [(p.line, p.column) for p in result.problems] == [(3, 3)]
        assert not result.questions or result.problems

    def test_gift_message_quoting_a_value_shows_the_control_as_a_picture(self):
        result = read_gift("Q?{#1\x00x}\n")
        assert [(p.line, p.column) for p in result.problems][0] == (1, 6)
        assert any("1\u2400x" in p.message for p in result.problems)
        assert_storable(result)

    @pytest.mark.parametrize("control", CONTROLS)
    def test_aiken_names_the_line_and_column(self, control):
        text = f"客戶經理應當？\nA) 記錄{control}偏好\nB) 不記錄\nANSWER: A\n"
        result = read_question_file("bank.txt", text.encode(), format="aiken")
        assert [(line, column) for line, column, _m in located(result)] == [(2, 6)]
        assert located(result)[0][2].startswith("Line 2, column 6: ")
        assert_storable(result)

    def test_aiken_quoted_answer_is_storable(self):
        result = read_question_file("q.txt", b"Q?\nA) a\nB) b\nANSWER: Z\x00\n", format="aiken")
        assert {p.line for p in result.problems} == {4}
        assert_storable(result)

    @pytest.mark.parametrize("control", CONTROLS)
    def test_csv_names_the_row_and_column(self, control):
        data = csv_bytes(
            [
                {"type": "判斷", "stem": "可以嗎？", "answer": "對"},
                {"type": "判斷", "stem": f"可{control}以嗎？", "answer": "對"},
            ]
        )
        result = read_question_file("bank.csv", data)
        assert [(line, column) for line, column, _m in located(result)] == [(3, 6)]
        assert located(result)[0][2].startswith("Row 3, column “stem”: ")
        assert_storable(result)

    def test_csv_quoted_type_is_storable(self):
        result = read_question_file("bank.csv", csv_bytes([{"type": "x\x00", "stem": "Q?"}]))
        assert {(p.line, p.column) for p in result.problems} == {(2, 1)}
        assert_storable(result)

    def test_csv_unknown_header_with_a_control_is_storable(self):
        result = read_question_file("bank.csv", "type,stem,bad\x00\n判斷,Q?,x\n".encode())
        assert len(result.problems) == 1
        assert_storable(result)

    def test_xlsx_names_the_row_and_column(self):
        # XML cannot hold C0 characters, but C1 characters such as U+009B are valid XML.
        data = xlsx_bytes(
            ["題型", "題幹", "答案"], [["判斷", "可以嗎？", "對"], ["判斷", "Q?", "對\x9b"]]
        )
        result = read_question_file("bank.xlsx", data)
        assert located(result)[0][:2] == (3, 3)
        assert located(result)[0][2].startswith("Row 3, column “answer”: ")
        assert "U+009B" in located(result)[0][2]
        assert_storable(result)


class TestLengths:
    def test_a_long_gift_name_is_an_error_not_a_cut(self):
        name = "名" * 256
        result = read_gift(f"::ok::Q?{{T}}\n\n::{name}::Q?{{T}}\n")
        assert [(p.line, p.column) for p in result.problems] == [(3, 3)]
        assert "256 characters" in result.problems[0].message
        assert "255" in result.problems[0].message

    def test_a_gift_name_of_255_characters_is_kept_whole(self):
        [question] = read_gift(f"::{'名' * 255}::Q?{{T}}\n").questions
        assert question.name == "名" * 255

    def test_a_long_gift_category_is_an_error_at_its_line(self):
        long_part = "類" * 101
        result = read_gift(f"Q?{{T}}\n\n$CATEGORY: 產品/{long_part}\n\nR?{{T}}\n")
        assert [(p.line, p.column) for p in result.problems] == [(3, 15)]
        assert "101 characters" in result.problems[0].message
        assert read_gift(f"$CATEGORY: 產品/{'類' * 100}\n\nR?{{T}}\n").problems == []

    @pytest.mark.parametrize(
        "column, value, limit, index",
        [
            ("name", "名" * 256, 255, 5),
            ("topic", "題" * 101, 100, 3),
            ("category", "產品/" + "類" * 101, 100, 2),
            ("unit", "元" * 21, 20, 20),
        ],
    )
    def test_long_spreadsheet_values_are_errors_with_row_and_column(
        self, column, value, limit, index
    ):
        row = {"type": "數值", "stem": "幾？", "answer": "1", column: value}
        result = read_question_file("bank.csv", csv_bytes([row]))
        assert [(p.line, p.column) for p in result.problems] == [(2, index)]
        assert f"at most {limit}" in result.problems[0].message

    def test_a_category_path_deeper_than_the_tree_holds_is_an_error(self):
        deep = "/".join(f"L{level}" for level in range(63))
        result = read_gift(f"$CATEGORY: {deep}\n\nQ?{{T}}\n")
        assert [(p.line, p.column) for p in result.problems] == [(1, 11)]
        assert "63 levels" in result.problems[0].message
        sheet = read_question_file(
            "bank.csv",
            csv_bytes([{"type": "判斷", "stem": "Q?", "answer": "對", "category": deep}]),
        )
        assert [(p.line, p.column) for p in sheet.problems] == [(2, 2)]
        ok = "/".join(f"L{level}" for level in range(62))
        assert read_gift(f"$CATEGORY: {ok}\n\nQ?{{T}}\n").problems == []

    def test_the_depth_limit_follows_the_category_tree(self):
        field = Category._meta.get_field("path")
        assert CATEGORY_LEVELS == field.max_length // Category.steplen - 1

    def test_values_at_their_limits_pass(self):
        row = {
            "type": "數值",
            "stem": "幾？",
            "answer": "1",
            "name": "名" * 255,
            "category": "類" * 100,
            "unit": "元" * 20,
        }
        result = read_question_file("bank.csv", csv_bytes([row]))
        assert result.problems == []
        assert result.questions[0].name == "名" * 255


@pytest.fixture
def importer(db):
    return {
        "user": UserFactory(),
        "params": {"category": Category.add_root(name="題庫").pk, "topic": TopicFactory().pk},
    }


@pytest.mark.django_db
class TestImportService:
    """The import ends refused with the located problem; nothing is saved and
    nothing stays running (a NUL reached PostgreSQL before)."""

    @pytest.mark.parametrize(
        "file_name, data",
        [
            ("bank.gift", "::一::Q\x00?{T}\n".encode()),
            ("bank.txt", b"Q?\nA) a\x00\nB) b\nANSWER: A\n"),
            ("bank.csv", csv_bytes([{"type": "判斷", "stem": "Q\x00?", "answer": "對"}])),
            ("bank.gift", f"::{'名' * 300}::Q?{{T}}\n".encode()),
            ("bank.gift", f"$CATEGORY: {'類' * 120}\n\nQ?{{T}}\n".encode()),
        ],
    )
    def test_refused_with_its_place(self, importer, file_name, data):
        run = import_run_create(kind="questions", file_name=file_name, data=data, **importer)
        assert run.status == ImportRun.Status.REFUSED
        assert run.problems and all(p["line"] or p["row"] for p in run.problems)
        run.refresh_from_db()
        assert run.status == ImportRun.Status.REFUSED
        assert not Question.objects.exists()
