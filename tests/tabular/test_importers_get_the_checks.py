"""Every importer that reads tables through tabular gets its cell checks: a
control character or a formula is refused with its row and column, not a 500."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from quizzes.importers import read_question_file


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_question_spreadsheet_with_a_nul():
    data = "type,stem,answer\nshort,浦東支行有幾個網點？,12\nshort,第二\x00題,3\n".encode()
    result = read_question_file("questions.csv", data)
    assert result.questions == []
    [problem] = result.problems
    assert (problem.line, problem.column) == (3, 2)
    assert problem.message.startswith("Row 3, column “stem”:")
    assert "U+0000" in problem.message


def test_question_workbook_with_a_formula():
    workbook = Workbook()
    workbook.active.append(["type", "stem", "answer"])
    workbook.active.append(["short", "浦東支行有幾個網點？", "=6*2"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_question_file("questions.xlsx", buffer.getvalue())
    [problem] = result.problems
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message.startswith("Row 2, column “answer”:")
    assert "formula" in problem.message
