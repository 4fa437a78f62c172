"""Decode text files from the encodings Chinese offices actually send:
UTF-8 (with or without BOM), GB18030 (mainland) and Big5 (Taiwan, Hong Kong)."""

import codecs

from charset_normalizer import from_bytes

ENCODINGS = ("utf-8", "gb18030", "big5")


class UndecodableFile(ValueError):
    pass


def decode_text(data: bytes, *, encoding: str | None = None, expected_words=()) -> tuple[str, str]:
    """Return (text, encoding used).

    With `encoding` given, only that one is tried. Otherwise UTF-8 first (its
    rules are strict enough that a match is reliable), then GB18030 and Big5.
    Many byte strings are valid in both of those, so the candidate in which
    any of `expected_words` (for example the known column headers) appears
    wins; failing that, charset-normalizer's judgement of the text decides.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    tried = (encoding,) if encoding else ENCODINGS
    candidates = {}
    for name in tried:
        try:
            candidates[name] = data.decode(name, errors="strict")
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "utf-8":
            return candidates[name], name
    if not candidates:
        raise UndecodableFile(", ".join(tried))
    if len(candidates) == 1:
        return next(iter(candidates.items()))[::-1]
    for name, text in candidates.items():
        if any(word in text for word in expected_words):
            return text, name
    best = from_bytes(data, cp_isolation=list(candidates)).best()
    name = best.encoding.replace("_", "") if best else "gb18030"
    name = "big5" if name.startswith("big5") else "gb18030"
    return candidates[name], name
