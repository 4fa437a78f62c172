"""The demo organisation is data (people/demo/people.yaml): a mistake in it
stops the build with the file and the line where it is, before anything is saved."""

import pytest

from demofiles import DemoDataError
from people import demo
from people.models import OrgUnit, Person

GOOD = demo.DATA.read_text(encoding="utf-8")


def written(tmp_path, text):
    path = tmp_path / "people" / "demo" / "people.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text, needle):
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_shipped_file_reads():
    data = demo.data()
    assert len(data["units"]) == 12 and len(data["people"]) == 38
    assert [login[1] for login in data["logins"]] == [
        "trainee",
        "trainer",
        "risk",
        "manager",
        "admin",
    ]


def test_a_person_in_a_unit_that_does_not_exist_is_located(tmp_path):
    text = GOOD.replace(
        "unit: demo-puxi-corp, position: 團隊長", "unit: demo-nowhere, position: 團隊長"
    )
    path = written(tmp_path, text)
    with pytest.raises(DemoDataError) as raised:
        demo.data(path)
    line = line_of(text, "demo-nowhere")
    assert str(raised.value) == (
        f"people/demo/people.yaml, line {line}: unit: there is no unit demo-nowhere in “units”"
    )


def test_a_bad_yaml_line_is_located(tmp_path):
    text = GOOD.replace(
        "  - {name: 韓冬, hired: 2019-01-21,", "  - {name: 韓冬 hired: [2019-01-21,"
    )
    path = written(tmp_path, text)
    with pytest.raises(DemoDataError) as raised:
        demo.data(path)
    assert f"people.yaml, line {line_of(text, '韓冬')}:" in str(raised.value)


def test_a_team_member_s_unknown_grade_and_a_misspelt_key_are_located(tmp_path):
    text = GOOD.replace(
        "{name: 田慧, hired: 2022-05-23, grade: junior",
        "{name: 田慧, hired: 2022-05-23, grade: boss",
    )
    with pytest.raises(DemoDataError, match=rf"line {line_of(text, '田慧')}: grade “boss”"):
        demo.data(written(tmp_path, text))
    text = GOOD.replace("{name: 蔣雅琪, hired:", "{name: 蔣雅琪, hird:")
    with pytest.raises(DemoDataError, match=rf"line {line_of(text, '蔣雅琪')}: missing hired"):
        demo.data(written(tmp_path / "again", text))


@pytest.mark.django_db
def test_a_data_error_saves_nothing(tmp_path, monkeypatch):
    text = GOOD.replace("manages: demo-minhang}", "manages: demo-minhang-south}")
    monkeypatch.setattr(demo, "DATA", written(tmp_path, text))
    with pytest.raises(DemoDataError, match="manages: there is no unit demo-minhang-south"):
        demo.build(log=print)
    assert not OrgUnit.objects.exists() and not Person.objects.exists()
