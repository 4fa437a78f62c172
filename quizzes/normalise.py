"""Text folding for comparing short answers: the same answer typed on any
keyboard, in either script, compares equal."""

import re
import unicodedata
from functools import lru_cache

import opencc

_to_simplified = opencc.OpenCC("t2s").convert
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold(text: str, *, case_sensitive: bool = False) -> str:
    """NFKC folds full-width letters, digits and punctuation to half-width;
    OpenCC folds Traditional to Simplified; case and runs of spaces are folded too."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _to_simplified(text)
    text = _SPACES.sub(" ", text).strip()
    return text if case_sensitive else text.casefold()


def parse_number(text: str | float | int) -> float | None:
    """A number as people type it: full-width digits, thousands separators, a
    trailing unit or percent sign. None when there is no number."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if not isinstance(text, str):
        return None
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "").strip()
    match = re.match(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned)
    return float(match.group(0)) if match else None
