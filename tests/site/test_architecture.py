"""DESIGN.md's checkable rules, enforced wherever the tests run (CI runs `make test`):
the import contracts in .importlinter, module size, templates that ask the frame,
every view-like module under a contract (scripts/check_architecture.py)."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _checker():
    spec = importlib.util.spec_from_file_location(
        "check_architecture", ROOT / "scripts" / "check_architecture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _checker()


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        pytest.fail("import-linter is not installed: it is a development dependency")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)])}
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_module_is_over_400_lines():
    assert check.long_modules() == []


def test_oversize_allowlist_only_names_modules_still_over_the_limit():
    """The allowlist shrinks as modules are split: an entry no longer needed must go."""
    for relative in sorted(check.OVERSIZE_ALLOWED):
        path = ROOT / relative
        assert path.exists(), f"{relative} is gone: remove it from OVERSIZE_ALLOWED"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines > check.MAX_LINES, f"{relative} is {lines} lines: remove it from the list"


def test_app_templates_ask_the_frame_for_the_hosts_page_and_urls():
    assert check.template_problems() == []


def test_every_view_like_module_is_under_a_presentation_contract():
    assert check.unlisted_presentation_modules() == []


# The checks themselves find what they are for.


@pytest.fixture
def fake_root(tmp_path, monkeypatch):
    monkeypatch.setattr(check, "ROOT", tmp_path)
    monkeypatch.setattr(check, "PACKAGES", ["people"])
    monkeypatch.setattr(check, "OVERSIZE_ALLOWED", set())
    (tmp_path / "people" / "templates" / "people").mkdir(parents=True)
    (tmp_path / "people" / "migrations").mkdir()
    (tmp_path / ".importlinter").write_text(
        "[importlinter:contract:people-presentation]\nsource_modules =\n    people.views\n"
    )
    return tmp_path


def test_module_length_check_finds_a_long_module_but_not_a_migration(fake_root):
    (fake_root / "people" / "roster.py").write_text("x = 1\n" * 401)
    (fake_root / "people" / "short.py").write_text("x = 1\n" * 400)
    (fake_root / "people" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    assert check.long_modules() == [
        "people/roster.py: 401 lines, over 400: split it by what it holds"
    ]


def test_template_check_finds_the_hosts_base_and_url_names(fake_root):
    (fake_root / "people" / "templates" / "people" / "team.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n'
        "<a href=\"{% url 'home' %}\">home</a>"
        "<a href=\"{% url 'people:team' %}\">team</a>"
        "<a href=\"{% url 'wagtailadmin_home' %}\">admin</a>{% endblock %}"
    )
    (fake_root / "people" / "templates" / "people" / "record.html").write_text(
        '{% extends "frame/page.html" %}'
    )
    problems = check.template_problems()
    assert len(problems) == 2, problems
    assert problems[0].startswith('people/templates/people/team.html:1: extends "base.html"')
    assert problems[1].startswith("people/templates/people/team.html:3: {% url 'home' %}")


def test_template_check_finds_another_apps_templates_and_tags(fake_root, monkeypatch):
    monkeypatch.setattr(check, "PACKAGES", ["people", "quizzes"])
    (fake_root / "people" / "templatetags").mkdir()
    (fake_root / "people" / "templatetags" / "people_roster.py").write_text("")
    (fake_root / "quizzes" / "templates" / "quizzes").mkdir(parents=True)
    (fake_root / "quizzes" / "templates" / "quizzes" / "team.html").write_text(
        "{% load i18n people_roster %}\n"
        "{% load unit_path from people_roster %}\n"
        '{% include "quizzes/_row.html" %}{% include "people/panels/team.html" %}'
    )
    (fake_root / "people" / "templates" / "people" / "own.html").write_text(
        '{% load people_roster %}{% include "people/panels/team.html" %}'
    )
    problems = check.template_problems()
    assert [problem.split(": ")[0] for problem in problems] == [
        "quizzes/templates/quizzes/team.html:3",
        "quizzes/templates/quizzes/team.html:1",
        "quizzes/templates/quizzes/team.html:2",
    ], problems
    assert "a template of people" in problems[0]
    assert "loads people_roster" in problems[1]


def test_presentation_check_finds_a_view_module_no_contract_lists(fake_root):
    (fake_root / "people" / "__init__.py").write_text("")
    (fake_root / "people" / "views.py").write_text("")
    (fake_root / "people" / "roster_views.py").write_text("")
    (fake_root / "people" / "selectors.py").write_text("")
    assert check.unlisted_presentation_modules() == [
        "people/roster_views.py: people.roster_views is not in the source_modules "
        'of "people-presentation" in .importlinter'
    ]
