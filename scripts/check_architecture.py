"""The rules of DESIGN.md that a machine checks besides the import contracts
(.importlinter) and ruff's "no print()":

- no module over MAX_LINES lines, outside migrations and tests;
- app templates extend the frame's page (frame/page.html), Wagtail's admin or
  their own package's templates, never the host's base.html;
- app templates {% url %} only namespaced names ("quizzes:drill_list") or
  Wagtail's own; the host's pages (home, search, sign-in) come from
  {% frame_url %} (see frame's docstring);
- app templates include no other app's templates and load no other app's
  template tags (another app's data reaches a page through that app's
  selectors, or a frame hook such as a record section, never its templates);
- every module named like a view, form, URL conf, admin screen, hook or
  template tag library is in its app's "presentation" contract in
  .importlinter, so a new one cannot escape it.

    .venv/bin/python scripts/check_architecture.py

Prints one located line per breach and exits 1 if there is any. Run by
`make lint` and by tests/site/test_architecture.py.
"""

import configparser
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400

# The reusable packages (apps and building blocks) and the host project.
PACKAGES = [
    "people",
    "quizzes",
    "courses",
    "mentorship",
    "markup",
    "background",
    "tabular",
    "cjksearch",
    "frame",
    "treeforms",
    "imports",
    "scopedadmin",
    "hanzi",
    "notifications",
    "charts",
    "replicas",
    "requestmemo",
    "rowsql",
]
HOST = "site/hostsite"

# Modules allowed over MAX_LINES: none. Split a module by what it holds instead.
OVERSIZE_ALLOWED: set[str] = set()

# Module names (last part, or any package part) of the presentation layer.
PRESENTATION = re.compile(
    r"^(views|.+_views|api|forms|.+_forms|urls|.+_urls|admin|admin_.+|.+_admin"
    r"|wagtail_hooks|choosers|templatetags)$"
)

APPS = {"people", "quizzes", "courses", "mentorship"}

URL_TAG = re.compile(r"{%\s*url\s+(['\"])([^'\"]+)\1")
EXTENDS_TAG = re.compile(r"{%\s*extends\s+(['\"])([^'\"]+)\1")
INCLUDE_TAG = re.compile(r"{%\s*include\s+(['\"])([^'\"]+)\1")
LOAD_TAG = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def _tag_libraries() -> dict[str, str]:
    """Template tag library -> the app that ships it."""
    owners = {}
    for app in sorted(APPS):
        for path in sorted((ROOT / app / "templatetags").glob("*.py")):
            if path.stem != "__init__":
                owners[path.stem] = app
    return owners


def _python_files(top: Path):
    for path in sorted(top.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or "tests" in parts:
            continue
        yield path


def long_modules() -> list[str]:
    problems = []
    tops = [ROOT / name for name in PACKAGES] + [ROOT / HOST, ROOT / "scripts"]
    for top in tops:
        if not top.is_dir():
            continue
        for path in _python_files(top):
            relative = path.relative_to(ROOT).as_posix()
            with path.open(encoding="utf-8") as handle:
                count = sum(1 for _ in handle)
            if count > MAX_LINES and relative not in OVERSIZE_ALLOWED:
                problems.append(
                    f"{relative}: {count} lines, over {MAX_LINES}: split it by what it holds"
                )
    return problems


def template_problems() -> list[str]:
    problems = []
    libraries = _tag_libraries()
    for package in PACKAGES:
        templates = ROOT / package / "templates"
        if not templates.is_dir():
            continue
        for path in sorted(templates.rglob("*.html")):
            relative = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            for match in EXTENDS_TAG.finditer(text):
                name = match.group(2)
                allowed = (
                    package == "frame"  # frame/page.html is where the host's base.html is named
                    or name == "frame/page.html"
                    or name.startswith("wagtailadmin/")
                    or name.startswith(f"{package}/")
                )
                if not allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(
                        f'{relative}:{line}: extends "{name}"; extend "frame/page.html" '
                        "(frame's docstring), Wagtail's admin or your own templates"
                    )
            for match in URL_TAG.finditer(text):
                name = match.group(2)
                if ":" not in name and not name.startswith("wagtail"):
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(
                        f"{relative}:{line}: {{% url '{name}' %}} names a page of the host "
                        f'site; use {{% frame_url "..." %}} (frame) or a namespaced name'
                    )
            for match in INCLUDE_TAG.finditer(text):
                name = match.group(2)
                owner = name.split("/", 1)[0]
                if owner in APPS and owner != package:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(
                        f'{relative}:{line}: includes "{name}", a template of {owner}; '
                        "ask its selectors for the data, or use a frame hook"
                    )
            for match in LOAD_TAG.finditer(text):
                words = match.group(1).split()
                # {% load a b %} or {% load tag1 tag2 from library %}
                names = [words[words.index("from") + 1]] if "from" in words else words
                for name in names:
                    owner = libraries.get(name)
                    if owner and owner != package:
                        line = text.count("\n", 0, match.start()) + 1
                        problems.append(
                            f"{relative}:{line}: loads {name}, template tags of {owner}; "
                            "ask its selectors for the data instead"
                        )
    return problems


def _contract_sources(config: configparser.ConfigParser) -> set[str]:
    sources = set()
    for section in config.sections():
        if section.endswith("-presentation"):
            sources.update(config[section]["source_modules"].split())
    return sources


def unlisted_presentation_modules() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    listed = _contract_sources(config)
    problems = []
    for package in PACKAGES:
        top = ROOT / package
        if not top.is_dir():
            continue
        for path in _python_files(top):
            relative = path.relative_to(ROOT).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join(parts)
            presentation = [i for i, part in enumerate(parts) if PRESENTATION.match(part)]
            if not presentation or package not in {
                "people",
                "quizzes",
                "courses",
                "mentorship",
                "imports",
            }:
                continue
            # The first presentation part names the module the contract must list.
            listed_as = ".".join(parts[: presentation[0] + 1])
            if listed_as not in listed:
                problems.append(
                    f"{path.relative_to(ROOT).as_posix()}: {name} is not in the "
                    f'source_modules of "{package}-presentation" in .importlinter'
                )
    return sorted(set(problems))


def all_problems() -> list[str]:
    return long_modules() + template_problems() + unlisted_presentation_modules()


def main() -> int:
    problems = all_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} breach(es) of DESIGN.md's checked rules.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
