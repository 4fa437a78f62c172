"""Traditional Chinese shown in Simplified to readers who chose Simplified.

`simplify` converts with OpenCC's Taiwan-to-mainland configuration (tw2sp):
phrase tables first, so 資訊 becomes 信息 and 軟體 软件, not 资讯 and 软体;
then characters. The glossary's Simplified terms (terms.toml, `hans`) win over
the phrase tables, and corner quotes become the “” of mainland text. The same
conversion derives the zh_Hans catalogs from the zh_Hant ones.

`to_simplified` caches: content is converted once per text, so once per page
revision, whichever process serves it (the Django cache, keyed by a hash of the
text, behind a small cache in each process). `in_reader_script` is what
templates use: Simplified for a zh-hans reader, the text unchanged otherwise.
"""

import functools
import hashlib
import re
import threading
from collections import OrderedDict

import opencc
from django.core.cache import cache
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from .glossary import rules, simplified_overrides

SIMPLIFIED_LANGUAGE = "zh-hans"
CACHE_PREFIX = "hanzi:tw2sp:1:"
CACHE_SECONDS = 30 * 24 * 3600
LOCAL_CACHE_SIZE = 1024

# Mainland Simplified text quotes with “” and ‘’, not the corner brackets of Traditional.
QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f「」『』]")


@functools.cache
def _converter():
    return opencc.OpenCC("tw2sp")


@functools.cache
def _override_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    overrides = simplified_overrides()
    if not overrides:
        return None, overrides
    words = sorted(overrides, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words)), overrides


def simplify(text: str) -> str:
    """Text in Traditional Chinese (Taiwan or Hong Kong words), in Simplified with
    mainland words. Not cached: see to_simplified."""
    pattern, overrides = _override_pattern()
    convert = _converter().convert
    if pattern is None:
        return convert(text).translate(QUOTES)
    out, start = [], 0
    for match in pattern.finditer(text):
        out.append(convert(text[start : match.start()]))
        out.append(overrides[match.group(0)])
        start = match.end()
    out.append(convert(text[start:]))
    return "".join(out).translate(QUOTES)


def simplify_message(text: str) -> str:
    """An interface message in Traditional, in Simplified: the glossary's rules first
    (a table's rows and columns are counted differently on the two sides of the
    strait), then simplify. Derives the zh_Hans catalogs."""
    for rule in rules():
        text = rule.apply(text)
    return simplify(text)


class _LocalCache:
    """A small least-recently-used map, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: str) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


local_cache = _LocalCache(LOCAL_CACHE_SIZE)


def to_simplified(text: str) -> str:
    """simplify(text), converted once per text: a revision's texts are converted the
    first time someone reads them in Simplified and then come from the cache."""
    if not text or not _HAN.search(text):
        return text
    key = CACHE_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()
    converted = local_cache.get(key)
    if converted is None:
        converted = cache.get(key)
        if converted is None:
            converted = simplify(text)
            cache.set(key, converted, CACHE_SECONDS)
        local_cache.set(key, converted)
    return converted


def reader_wants_simplified() -> bool:
    return (get_language() or "").lower() == SIMPLIFIED_LANGUAGE


def in_reader_script(value):
    """value (content written by people, usually in Traditional) in the script of the
    active language: converted for zh-hans, unchanged for every other language.
    Safe HTML stays safe: the conversion changes Chinese characters and corner
    quotes only, never markup."""
    if value is None or not reader_wants_simplified():
        return value
    converted = to_simplified(str(value))
    return mark_safe(converted) if isinstance(value, SafeData) else converted
