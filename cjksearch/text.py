"""Text folding for search: what goes into the index and what a query looks for.

The database search engines (SQLite FTS5, PostgreSQL tsvector) cut text into
words at spaces and punctuation, so a run of Chinese characters is one word and
風險 inside 風險管理部門 is never found. As Lucene's CJK analyzer does, every run
of CJK characters is cut into overlapping two-character pieces (bigrams) that
are then ordinary words to the engine:

    index:  風險管理部門  ->  风险 险管 管理 理部 部门      (in place)
                              风 险 管 理 部 门            (at the end)
    query:  風險管理      ->  风险 险管 管理                (all required)

Single characters are indexed too, at the end of the text so that a phrase of
bigrams stays a phrase, for one-character queries. Both sides are folded to
Simplified one character at a time (OpenCC t2s): a phrase-level conversion can
fold a word one way on its own and another way inside a longer text (乾 alone
becomes 干, inside 乾隆 it stays), and a query must fold exactly as the same
characters do inside the text.

SQLite FTS5 does no stemming, so for it English words are also reduced to a
form without a plural ending (see `english_word`), on both sides.
"""

import re
import unicodedata
from os.path import commonprefix

import opencc

__all__ = ["english_word", "index_text", "query_terms", "simplified"]

# Han (unified, extension A, compatibility, extensions B and later), the
# ideographic marks 々〆〇, kana and Hangul syllables: the scripts written
# without spaces between words.
_CJK = (
    "\u3005-\u3007\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
# An ASCII word standing alone: not glued to other letters or digits.
_ENGLISH_WORD = re.compile(r"(?<![^\W_])[A-Za-z]+(?![^\W_])")
# A letter or digit: what both engines keep of a word (the rest only separates words).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# Control characters and lone surrogates: PostgreSQL refuses NUL, FTS5 ends a string at
# it, and a surrogate cannot be encoded for either.
_UNSENDABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

_t2s = opencc.OpenCC("t2s").convert


class _SimplifiedTable(dict):
    """A `str.translate` table from Traditional to Simplified, one character at a
    time, filled in as characters are first met (a few thousand in practice)."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        folded = _t2s(char)
        self[codepoint] = folded if len(folded) == 1 else char
        return self[codepoint]


_SIMPLIFIED = _SimplifiedTable()


def simplified(text: str) -> str:
    """`text` with every Traditional character replaced by its Simplified form."""
    return text.translate(_SIMPLIFIED)


def english_word(word: str, *, prefix: bool = False) -> str:
    """A lower-case form of an English word that its plural shares.

    Light rules instead of a stemmer: drop a final "s" (not of -ss, -us, -is), then
    a final "e", and write a final "y" as "i": case/cases -> cas, policy/policies
    -> polici, box/boxes -> box, class/classes -> class. Words of three letters or
    fewer keep their "s" and "e" (bus, gas, use); an upper-case abbreviation
    loses its "s" (KPIs -> kpi). For the word being typed in an
    autocomplete, only the part shared with what was typed is kept, so "poly"
    still finds "polygon".
    """
    lowered = word.lower()
    folded = lowered
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper():  # KPIs, IDs
        folded = folded[:-1]
    elif len(folded) > 3 and folded[-1] == "s" and folded[-2:] not in ("ss", "us", "is"):
        folded = folded[:-1]
    if len(folded) > 3 and folded[-1] == "e":
        folded = folded[:-1]
    if len(folded) > 2 and folded[-1] == "y":
        folded = folded[:-1] + "i"
    return commonprefix([folded, lowered]) if prefix else folded


def _nfkc(text: str) -> str:
    # Checking first is much faster for the usual text that is already normal.
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def _english(text: str) -> str:
    return _ENGLISH_WORD.sub(lambda match: english_word(match.group()), text)


def index_text(text: str, *, english_plurals: bool) -> str:
    """The text to give the search engine in place of `text`."""
    singles = []

    def cut(match: re.Match) -> str:
        run = simplified(match.group())
        if len(run) > 1:
            singles.append(" ".join(run))
        return f" {' '.join(_bigrams(run))} "

    text = CJK_RUN.sub(cut, _nfkc(text))
    if english_plurals:
        text = _english(text)
    return " ".join([text, *singles]) if singles else text


def query_terms(text: str, *, english_plurals: bool, prefix: bool = False) -> list[str]:
    """The words to look for, all of them required, for the query text `text`.

    Non-CJK words keep their punctuation ("e-mail", "3.5"), for the engine to cut
    as it cuts the indexed text. `prefix`: the last word is being typed (autocomplete).
    A word without a letter or digit (`"`, `-`, `(`, `「`) is left out: the engines
    find no word in it, and such an empty word made FTS5 match nothing at all (so
    `"風險"` found nothing) and PostgreSQL everything (a lone `-`).
    """
    text = CJK_RUN.sub(
        lambda match: f" {' '.join(_bigrams(simplified(match.group())))} ",
        _nfkc(_UNSENDABLE.sub(" ", text)),
    )
    terms = [term for term in text.split() if _LETTER_OR_DIGIT.search(term)]
    if english_plurals and terms:
        terms = [_english(term) for term in terms[:-1]] + [_english_last(terms[-1], prefix)]
    return terms


def _english_last(term: str, prefix: bool) -> str:
    """The last query term, whose last English word may be a prefix."""
    matches = list(_ENGLISH_WORD.finditer(term))
    if not prefix or not matches:
        return _english(term)
    last = matches[-1]
    return (
        _english(term[: last.start()])
        + english_word(last.group(), prefix=True)
        + term[last.end() :]
    )
