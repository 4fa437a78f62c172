"""Reading the demo's data files: YAML, and Markdown with a YAML header.

Each app keeps its demo content (people, questions, courses...) as data in
`<app>/demo/`, and a small loader there turns it into objects. This package is
what those loaders share: reading a file, and saying *where* a mistake is.

- `yaml_read(path)` reads a YAML file. Every mapping in it is an `Entry` (a
  dict) that knows its file and line, so a loader can say
  `raise entry.error("no unit demo-x")` and the trainer reads
  `people/demo/people.yaml, line 12: no unit demo-x`.
- `page_read(path)` reads a Markdown file with a YAML header between two `---`
  lines. The text below the header is the page's `body`; a text split by lines
  `# field_name` gives one field per section instead (a case's client profile,
  situation, ...). Sections keep their Markdown exactly as written.

A YAML syntax error is reported with its file and line too. The loaders raise
`DemoDataError`; `load_demo_data` prints its message and stops.
"""

import re
from pathlib import Path

import yaml

__all__ = ["DemoDataError", "Entry", "page_read", "yaml_read"]


class DemoDataError(Exception):
    """A mistake in a demo data file, with its file and line in the message."""


class Entry(dict):
    """A mapping read from a data file, with where it was written."""

    source: str = ""
    line: int = 0
    lines: dict = {}  # the line of each key, when read from a file

    def located(self, other: "Entry") -> "Entry":
        """This entry, placed where `other` was written."""
        self.source, self.line, self.lines = other.source, other.line, other.lines
        return self

    def error(self, message: str, key: str | None = None) -> DemoDataError:
        """The mistake `message`, at the line of `key` (or of the entry)."""
        line = self.lines.get(key, self.line)
        return DemoDataError(f"{self.source}, line {line}: {message}")

    def take(self, required=(), optional=None) -> "Entry":
        """Check the keys: every `required` one is there and nothing else than
        those and the `optional` ones (a dict of defaults), so a misspelt key
        is an error rather than a silently missing field. Returns a copy with
        the defaults filled in."""
        optional = optional or {}
        missing = [key for key in required if key not in self]
        if missing:
            raise self.error(f"missing {', '.join(missing)}")
        unknown = [key for key in self if key not in required and key not in optional]
        if unknown:
            known = ", ".join([*required, *optional])
            raise self.error(f"unknown {', '.join(map(str, unknown))} (known: {known})", unknown[0])
        return Entry({**optional, **self}).located(self)

    def entry(self, key: str) -> "Entry":
        """The value of `key`, which must itself be “name: value” lines."""
        value = self[key]
        if not isinstance(value, Entry):
            raise self.error(f"{key} is “name: value” lines, not {value!r}", key)
        return value

    def entries(self, key: str) -> "list[Entry]":
        """The value of `key`, which must be a list of entries, each “- name: value”."""
        items = self[key]
        if not isinstance(items, list) or not all(isinstance(item, Entry) for item in items):
            raise self.error(f"{key} is a list of entries, each “- name: value, ...”", key)
        return items

    def choice(self, key: str, choices) -> str:
        """The value of `key`, which must be one of `choices` (a Django
        TextChoices class or a collection of strings)."""
        allowed = [str(value) for value in getattr(choices, "values", choices)]
        value = self[key]
        if value not in allowed:
            raise self.error(f"{key} “{value}” is not one of: {', '.join(allowed)}", key)
        return value


class _Loader(yaml.SafeLoader):
    source = ""


def _mapping(loader: _Loader, node) -> Entry:
    entry = Entry(loader.construct_mapping(node, deep=True))
    entry.source = loader.source
    entry.line = node.start_mark.line + 1
    entry.lines = {
        key.value: key.start_mark.line + 1 for key, _value in node.value if hasattr(key, "value")
    }
    return entry


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _shown(path: Path) -> str:
    """The path as a trainer finds it in the source tree: from the app's folder
    (`people/demo/people.yaml`), or whole when it is not in a `demo` folder."""
    parts = path.parts
    folders = [n for n, part in enumerate(parts[:-1]) if part == "demo" and n]
    return str(Path(*parts[folders[-1] - 1 :])) if folders else str(path)


def _yaml(text: str, source: str):
    loader = _Loader(text)
    loader.source = source
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark else ""
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise DemoDataError(f"{source}{line}: {problem}") from exc
    except yaml.YAMLError as exc:
        raise DemoDataError(f"{source}: {exc}") from exc
    finally:
        loader.dispose()


def _expect_mapping(data, source: str) -> Entry:
    if not isinstance(data, Entry):
        raise DemoDataError(f"{source}, line 1: expected “name: value” lines")
    return data


def yaml_read(path: Path) -> Entry:
    """The YAML file at `path`, a mapping at the top."""
    source = _shown(path)
    return _expect_mapping(_yaml(path.read_text(encoding="utf-8"), source), source)


_SECTION = re.compile(r"^# ([a-z_]+)\s*$")


def page_read(path: Path) -> Entry:
    """The Markdown file at `path`: its YAML header, plus `body` (or one field
    per `# field_name` section) from the text below it."""
    source = _shown(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        raise DemoDataError(f"{source}, line 1: a page starts with a line “---”, then its header")
    try:
        end = next(n for n, line in enumerate(lines) if n and line.strip() == "---")
    except StopIteration:
        raise DemoDataError(
            f"{source}, line 1: the header is not closed by a second line “---”"
        ) from None
    header = _expect_mapping(_yaml("\n".join(lines[:end]) or "{}", source), source)
    sections: dict[str, list[str]] = {}
    name = "body"
    for number, line in enumerate(lines[end + 1 :], start=end + 2):
        match = _SECTION.match(line)
        if match:
            name = match.group(1)
            if name in sections or name in header:
                raise DemoDataError(f"{source}, line {number}: “{name}” is given twice")
            sections[name] = []
            header.lines = {**header.lines, name: number}
            continue
        sections.setdefault(name, []).append(line)
    for name, text in sections.items():
        value = "\n".join(text).strip("\n")
        if name == "body" and not value:
            continue
        header[name] = value
    return header
