"""A GIFT file's text as the reader takes it apart: escapes made inert, questions
split at blank lines, every character remembering its line and column."""

from array import array
from dataclasses import dataclass

# Escaped control characters become private-use characters while the question
# is taken apart, so they never act as syntax, and are restored in the texts.
_ESCAPES = {
    ":": "\ue000",
    "#": "\ue001",
    "=": "\ue002",
    "{": "\ue003",
    "}": "\ue004",
    "~": "\ue005",
}
_NEWLINE = "\ue006"
_RESTORE = str.maketrans({v: k for k, v in _ESCAPES.items()} | {_NEWLINE: "\n"})
# Where a missing-word answer block was; becomes "_____" after escaping for Markdown.
_BLANK = "\ue010"
BLANK = "_____"


def restore(text: str) -> str:
    return text.translate(_RESTORE)


def _position(line: int, column: int) -> int:
    return line << 32 | column


@dataclass(frozen=True)
class _Text:
    """A piece of a question's text that remembers where each character came from."""

    chars: str
    where: array  # _position(line, column) of each character, 8 bytes apiece

    def __len__(self):
        return len(self.chars)

    def __getitem__(self, index: slice) -> "_Text":
        return _Text(self.chars[index], self.where[index])

    def __add__(self, other: "_Text") -> "_Text":
        return _Text(self.chars + other.chars, self.where + other.where)

    def strip(self) -> "_Text":
        start = len(self.chars) - len(self.chars.lstrip())
        end = len(self.chars.rstrip())
        return self[start:end] if start < end else self[0:0]

    def find(self, sub: str, start: int = 0) -> int:
        return self.chars.find(sub, start)

    def place(self, index: int = 0) -> tuple[int, int]:
        """(line, column) of a character; past the end, of the last one."""
        if not self.where:
            return (0, 0)
        position = self.where[min(max(index, 0), len(self.where) - 1)]
        return position >> 32, position & 0xFFFFFFFF

    def split_before(self, separators: str, keep: str = "") -> list["_Text"]:
        """Split at each separator; those in `keep` start the next piece."""
        pieces, start = [], 0
        for index, char in enumerate(self.chars):
            if char in separators:
                pieces.append(self[start:index])
                start = index if char in keep else index + 1
        pieces.append(self[start:])
        return pieces

    def partition(self, separator: str, count: int) -> list["_Text"]:
        """Like str.split(separator, count)."""
        pieces, start = [], 0
        while len(pieces) < count:
            found = self.find(separator, start)
            if found < 0:
                break
            pieces.append(self[start:found])
            start = found + len(separator)
        pieces.append(self[start:])
        return pieces


def _unescape_line(line: str, number: int, offset: int, chars: list, where: array) -> None:
    """Append the line's characters, escapes replaced, to chars and where."""
    if "\\" not in line:  # the common case, done in bulk
        chars.append(line)
        first = _position(number, offset + 1)
        where.extend(range(first, first + len(line)))
        return
    index = 0
    while index < len(line):
        char = line[index]
        following = line[index + 1] if index + 1 < len(line) else ""
        where.append(_position(number, offset + index + 1))
        if char == "\\" and following == "\\":
            chars.append("\\")
            index += 2
        elif char == "\\" and following in _ESCAPES:
            chars.append(_ESCAPES[following])
            index += 2
        elif char == "\\" and following == "n":
            chars.append(_NEWLINE)
            index += 2
        else:
            chars.append(char)
            index += 1


def _blocks(text: str):
    """Yield each question's text: Moodle splits at blank lines, trims every
    line and drops comment lines."""
    chars: list[str] = []
    where = array("Q")
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if chars:
                yield _Text("".join(chars), where)
            chars, where = [], array("Q")
            continue
        if line.startswith("//"):
            continue
        if chars:
            chars.append("\n")
            where.append(_position(number, 0))
        _unescape_line(line, number, len(raw) - len(raw.lstrip()), chars, where)
    if chars:
        yield _Text("".join(chars), where)
