"""Small reader and writer for gettext .po files, enough for Lianbing's catalogs.

Used by `make messages` to derive the Simplified Chinese catalogs from the
Traditional ones (see po_hans_from_hant.py)."""

import re
from dataclasses import dataclass, field

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines: list[str]) -> str:
    text = "".join(m.group(1) for line in lines for m in [_STRING.search(line)] if m)
    return bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)

    def unfuzz(self):
        kept = []
        for comment in self.comments:
            if comment.startswith("#,"):
                flags = [f.strip() for f in comment[2:].split(",") if f.strip() != "fuzzy"]
                if flags:
                    kept.append("#, " + ", ".join(flags))
            elif not comment.startswith("#|"):
                kept.append(comment)
        self.comments = kept

    def render(self) -> str:
        out = list(self.comments)
        if self.msgctxt is not None:
            out.append(f"msgctxt {_quote(self.msgctxt)}")
        out.append(f"msgid {_quote(self.msgid)}")
        if self.msgid_plural is not None:
            out.append(f"msgid_plural {_quote(self.msgid_plural)}")
            for index in sorted(self.msgstr):
                out.append(f"msgstr[{index}] {_quote(self.msgstr[index])}")
        else:
            out.append(f"msgstr {_quote(self.msgstr.get(0, ''))}")
        return "\n".join(out)


def parse(text: str) -> list[Entry]:
    """Line by line: an entry ends where a comment, msgctxt or msgid follows a msgstr
    (gettext tools do not always leave a blank line between entries)."""
    entries: list[Entry] = []
    entry, key, buffer, seen_msgstr = Entry(), None, [], False

    def flush_field():
        if key is None:
            return
        value = _unquote(buffer)
        if key == "msgctxt":
            entry.msgctxt = value
        elif key == "msgid":
            entry.msgid = value
        elif key == "msgid_plural":
            entry.msgid_plural = value
        else:
            entry.msgstr[int(key[7:-1]) if key.startswith("msgstr[") else 0] = value

    for line in text.splitlines():
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s", line)
        starts_entry = line.startswith("#") or (match and match.group(1) in ("msgctxt", "msgid"))
        if starts_entry and seen_msgstr:
            flush_field()
            entries.append(entry)
            entry, key, buffer, seen_msgstr = Entry(), None, [], False
        if not line.strip():
            continue
        if line.startswith("#"):
            entry.comments.append(line)
        elif match:
            flush_field()
            key, buffer = match.group(1), [line]
            seen_msgstr = seen_msgstr or key.startswith("msgstr")
        else:
            buffer.append(line)
    flush_field()
    if seen_msgstr:
        entries.append(entry)
    return entries


def render(entries: list[Entry]) -> str:
    return "\n\n".join(entry.render() for entry in entries) + "\n"


def set_chinese_plural_header(entries: list[Entry]) -> None:
    header = entries[0]
    text = header.msgstr.get(0, "")
    text = re.sub(r"Plural-Forms: [^\n]*\n", "Plural-Forms: nplurals=1; plural=0;\n", text)
    header.msgstr[0] = text
    header.unfuzz()
