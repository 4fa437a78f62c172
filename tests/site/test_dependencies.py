"""Dependencies are split by who needs them (pyproject.toml, requirements*.lock).

The apps' package requires what the apps import and nothing for the host site or
for development; the host site's own imports are in the `server` extra; the
lock for running holds no development tool and agrees with the development lock.
"""

import ast
import re
import sys
import tomllib
from collections import defaultdict
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

# Required by the apps at run time without an import statement, and why.
NEEDED_WITHOUT_IMPORT = {
    # django-q2 runs Schedule.CRON schedules (quizzes/schedules.py) only with croniter.
    "croniter",
}

# Never something the apps' package may require.
DEV_TOOLS = {
    "pytest",
    "pytest-django",
    "factory-boy",
    "playwright",
    "hypothesis",
    "ruff",
    "import-linter",
    "mutmut",
    "schemathesis",
    "pip-tools",
}
SERVER_PARTS = {
    "gunicorn",
    "whitenoise",
    "psycopg",
    "redis",
    "dj-database-url",
    "django-axes",
    "django-csp",
}


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements):
    return {normalize(re.match(r"[A-Za-z0-9._-]+", req.strip()).group()) for req in requirements}


def app_packages():
    includes = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted(pattern.rstrip("*") for pattern in includes)


def imported_modules(directory):
    """Top-level names of the absolute imports in the Python files under directory."""
    found = defaultdict(set)
    for path in sorted(directory.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found[name.split(".")[0]].add(str(path.relative_to(REPO)))
    return found


def third_party(found, own):
    return {
        module: files
        for module, files in found.items()
        if module not in sys.stdlib_module_names and module not in own and module != "__future__"
    }


def uncovered(found, allowed):
    """Imports whose distribution is not among allowed: 'module (dist) in files'."""
    distributions = packages_distributions()
    missing = []
    for module, files in sorted(found.items()):
        dists = {normalize(dist) for dist in distributions.get(module, [])}
        if not dists & allowed:
            where = ", ".join(sorted(files)[:3])
            missing.append(f"{module} ({', '.join(sorted(dists)) or 'not installed'}) in {where}")
    return missing


def apps_imports():
    own = set(app_packages())
    found = defaultdict(set)
    for app in own:
        for module, files in imported_modules(REPO / app).items():
            found[module] |= files
    return third_party(found, own)


def test_the_apps_dependencies_cover_what_the_apps_import():
    declared = requirement_names(PYPROJECT["project"]["dependencies"])
    assert uncovered(apps_imports(), declared) == []


def test_the_apps_require_only_what_they_import():
    declared = requirement_names(PYPROJECT["project"]["dependencies"])
    distributions = packages_distributions()
    imported = {
        normalize(dist) for module in apps_imports() for dist in distributions.get(module, [])
    }
    assert sorted(declared - imported - NEEDED_WITHOUT_IMPORT) == []


@pytest.mark.parametrize("kind, names", [("dev", DEV_TOOLS), ("server", SERVER_PARTS)])
def test_no_development_tool_or_server_part_is_an_apps_dependency(kind, names):
    declared = requirement_names(PYPROJECT["project"]["dependencies"])
    extra = requirement_names(PYPROJECT["project"]["optional-dependencies"][kind])
    assert names <= extra
    assert sorted(declared & extra) == []


def test_the_server_extra_covers_what_the_host_site_imports():
    project = PYPROJECT["project"]
    allowed = requirement_names(project["dependencies"]) | requirement_names(
        project["optional-dependencies"]["server"]
    )
    found = third_party(imported_modules(REPO / "site"), set(app_packages()) | {"hostsite"})
    assert uncovered(found, allowed) == []


def pins(lock):
    lines = (REPO / lock).read_text(encoding="utf-8").splitlines()
    return dict(
        (normalize(name), version)
        for name, version in (line.split("==", 1) for line in lines if re.match(r"[A-Za-z]", line))
    )


def test_the_lock_for_running_holds_no_development_tool():
    assert sorted(set(pins("requirements.lock")) & DEV_TOOLS) == []


def test_the_development_lock_adds_to_the_running_lock_and_changes_no_version():
    running, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert DEV_TOOLS | SERVER_PARTS <= set(development)
    changed = {
        name: (version, development.get(name))
        for name, version in running.items()
        if development.get(name) != version
    }
    assert changed == {}
