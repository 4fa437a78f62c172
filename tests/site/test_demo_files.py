"""load_demo_data reads every app's demo data files before it writes anything:
a mistake in any of them stops it with the file and the line, and nothing is saved."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from courses import demo as courses_demo
from people.models import OrgUnit, Person

pytestmark = pytest.mark.django_db


def test_a_mistake_in_the_last_app_s_data_saves_nothing(tmp_path, monkeypatch):
    folder = tmp_path / "courses" / "demo"
    shutil.copytree(courses_demo.FOLDER, folder, ignore=shutil.ignore_patterns("*.py"))
    course = folder / "catalogue" / "02-deposit-products" / "course.md"
    text = course.read_text(encoding="utf-8")
    line = text[: text.index("format: self_paced")].count("\n") + 1
    course.write_text(text.replace("format: self_paced", "format: webinar"), encoding="utf-8")
    monkeypatch.setattr(courses_demo, "FOLDER", folder)
    with pytest.raises(CommandError) as raised:
        call_command("load_demo_data", stdout=io.StringIO())
    assert str(raised.value).startswith(
        "The demo's data has a mistake: "
        f"courses/demo/catalogue/02-deposit-products/course.md, line {line}: format “webinar”"
    )
    assert not OrgUnit.objects.exists() and not Person.objects.exists()
