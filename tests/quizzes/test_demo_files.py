"""The quizzes demo is data (quizzes/demo/*.yaml): a mistake in it is reported
with the file and the line where it is."""

import shutil

import pytest

from demofiles import DemoDataError
from quizzes import demo


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "quizzes" / "demo"
    shutil.copytree(demo.FOLDER, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def edit(path, old, new) -> int:
    """Replace `old` by `new` in the file; the line number of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_shipped_files_read():
    data = demo.data()
    assert len(data["questions"]) == 17 and len(data["topic_drills"]) == 4
    assert data["practice"]["seed"] == 2026


def test_a_drill_on_a_topic_that_does_not_exist_is_located(folder):
    line = edit(folder / "drills.yaml", "topic: demo-rates", "topic: demo-loans")
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    assert str(raised.value) == (
        f"quizzes/demo/drills.yaml, line {line}: topic demo-loans is not in questions.yaml"
    )


def test_a_question_of_an_unknown_type_is_located(folder):
    line = edit(folder / "questions.yaml", "type: ordering", "type: essay")
    with pytest.raises(DemoDataError, match=rf"questions.yaml, line {line}: type “essay”"):
        demo.data(folder)


def test_a_bad_yaml_line_is_located(folder):
    line = edit(folder / "practice.yaml", "gap: [2, 3]", "gap: [2, 3")
    with pytest.raises(DemoDataError) as raised:
        demo.data(folder)
    # YAML sees the missing “]” on the next line with a value.
    assert str(raised.value).startswith(f"quizzes/demo/practice.yaml, line {line + 1}: ")


def test_a_payload_the_question_service_refuses_is_located(folder, db, monkeypatch):
    """An ordering question of one item: questions.yaml reads, question_create refuses."""
    line = edit(
        folder / "questions.yaml", "      - name: 貸款審批流程", "      - name: 貸款審批流程"
    )
    for item in ["風險經理審查", "貸審會審議", "有權審批人審批", "放款審核"]:
        edit(folder / "questions.yaml", f"          - {item}\n", "")
    monkeypatch.setattr(demo, "FOLDER", folder)
    with pytest.raises(DemoDataError) as raised:
        demo.build(log=lambda *args: None)
    assert str(raised.value).startswith(f"quizzes/demo/questions.yaml, line {line}: ")
