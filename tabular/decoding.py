"""Decode text files from the encodings Chinese offices actually send:
UTF-8 (with or without BOM), GB18030 (mainland) and Big5 (Taiwan, Hong Kong),
and find the control characters that have no place in a text file.

`decode_text(data, encoding=None, expected_words=())` returns the text and the
encoding chosen; `decode_candidates(...)` also says which other encodings read
the bytes without error, best first, so that a preview can offer them.

Many byte strings are valid both as GB18030 and as Big5, so when both read
cleanly the choice goes by which reading is plausible: the one in which more
of `expected_words` appear (the importer passes what it expects to find, such
as column headers and unit names), then the one with fewer rare characters
(characters outside the common sets of both scripts: the kana, Greek letters,
box drawings and rare ideographs that a misread file is full of).

`control_characters(text)` locates control characters by line and column in a
line-based file (GIFT, Aiken): every importer of text calls it on the decoded
text and reports what it finds, see its docstring.
"""

import codecs
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

ENCODINGS = ("utf-8", "gb18030", "big5")
# How many non-ASCII characters are looked at to judge a reading.
_SAMPLE = 20000


class UndecodableFile(ValueError):
    pass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the encoding chosen, e.g. "utf-8", "utf-8-sig", "gb18030", "big5"
    candidates: tuple[str, ...]  # every encoding that read the bytes cleanly, best first


def _is_common(character: str) -> bool:
    """A character a Chinese office file is likely to hold."""
    code = ord(character)
    if code < 0x80:
        return True
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:  # CJK and full-width punctuation
        return True
    if 0x2010 <= code <= 0x2027:  # dashes, quotes, ellipsis
        return True
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    try:
        character.encode("gb2312")  # the 6,763 common simplified characters
        return True
    except UnicodeEncodeError:
        pass
    try:
        encoded = character.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= int.from_bytes(encoded, "big") <= 0xC67E  # Big5's frequently used level


def rare_character_count(text: str) -> int:
    """How many of (a sample of) the non-ASCII characters of `text` are rare."""
    count = seen = 0
    for character in text:
        if ord(character) < 0x80:
            continue
        seen += 1
        if seen > _SAMPLE:
            break
        if not _is_common(character):
            count += 1
    return count


def _plausibility(text: str, expected_words) -> tuple[int, int]:
    """Higher is more plausible: known words found, then fewer rare characters."""
    found = sum(1 for word in expected_words if word and not word.isascii() and word in text)
    return found, -rare_character_count(text)


def decode_candidates(data: bytes, *, encoding: str | None = None, expected_words=()) -> Decoded:
    """Decode `data`; see the module docstring for how the encoding is chosen.

    With `encoding` given, only that one is tried (UndecodableFile if it fails
    or is unknown). UTF-8, when it reads the bytes, is chosen at once: its rules
    are strict enough that a match is reliable."""
    if encoding:
        name = encoding.lower()
        try:
            codecs.lookup(name)
            if name in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
                name = "utf-8-sig"
            text = data.decode(name, errors="strict")
        except (UnicodeDecodeError, LookupError) as exc:
            raise UndecodableFile(encoding) from exc
        return Decoded(text, name, (name,))
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(
                data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig", ("utf-8-sig",)
            )
        except UnicodeDecodeError as exc:
            raise UndecodableFile("utf-8-sig") from exc
    readings = {}
    for name in ENCODINGS:
        try:
            readings[name] = data.decode(name, errors="strict")
        except UnicodeDecodeError:
            continue
        if name == "utf-8":
            return Decoded(readings[name], name, (name,))
    if not readings:
        raise UndecodableFile(", ".join(ENCODINGS))
    words = list(expected_words)
    scores = {name: _plausibility(text, words) for name, text in readings.items()}
    # Ties keep the order of ENCODINGS (GB18030 before Big5).
    order = sorted(readings, key=lambda name: scores[name], reverse=True)
    return Decoded(readings[order[0]], order[0], tuple(order))


def decode_text(data: bytes, *, encoding: str | None = None, expected_words=()) -> tuple[str, str]:
    """Return (text, encoding used); see `decode_candidates`."""
    decoded = decode_candidates(data, encoding=encoding, expected_words=expected_words)
    return decoded.text, decoded.encoding


# --- control characters -------------------------------------------------------------

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def is_control_character(character: str) -> bool:
    """C0 and C1 controls and DEL, except tab, line feed and carriage return."""
    return character not in _ALLOWED_CONTROLS and unicodedata.category(character) == "Cc"


def control_character_name(character: str) -> str:
    """'U+0000' style, with the control's usual name where it has one."""
    names = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\x08": "BS", "\x0c": "FF"}
    code = f"U+{ord(character):04X}"
    return f"{code} {names[character]}" if character in names else code


def first_control_character(text: str) -> int | None:
    """The index of the first control character in `text`, or None."""
    for index, character in enumerate(text):
        if character < " " or "\x7f" <= character <= "\x9f":
            if is_control_character(character):
                return index
    return None


@dataclass(frozen=True)
class ControlCharacter:
    line: int  # counted from 1; "\r\n", "\n" and a lone "\r" end a line
    column: int  # counted from 1, in characters
    character: str

    @property
    def message(self) -> str:
        return _(
            "Line %(line)d, column %(column)d: the control character %(character)s is not "
            "allowed in the file; remove it."
        ) % {
            "line": self.line,
            "column": self.column,
            "character": control_character_name(self.character),
        }


def control_characters(text: str, *, limit: int = 20) -> list[ControlCharacter]:
    """Every control character of a line-based text file (at most `limit`), located
    by line and column, in order. Tab, line feed and carriage return are allowed.

    Importers of GIFT, Aiken and other text files call it on the decoded text
    before parsing and refuse the file when the list is not empty, reporting
    each item's `message` (or its `line`): a NUL byte or an escape sequence in a
    question must be an error at its line, never a crash or a silent change."""
    found: list[ControlCharacter] = []
    if first_control_character(text) is None:
        return found
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        start = 0
        while (index := first_control_character(line[start:])) is not None:
            position = start + index
            found.append(ControlCharacter(number, position + 1, line[position]))
            if len(found) >= limit:
                return found
            start = position + 1
    return found
