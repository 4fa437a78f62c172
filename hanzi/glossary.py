"""The interface glossary (terms.toml): one zh_Hant term per concept, the variants
a translation must not use, and what Simplified Chinese shows for a term."""

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

TERMS_PATH = Path(__file__).with_name("terms.toml")


@dataclass(frozen=True)
class Term:
    en: str
    hant: str
    forbidden: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    hans: str | None = None


@dataclass(frozen=True)
class Violation:
    variant: str
    term: Term

    def __str__(self) -> str:
        return f"“{self.variant}” where the glossary says “{self.term.hant}” ({self.term.en})"


def parse_terms(text: str) -> tuple[Term, ...]:
    """Terms from the TOML text of a glossary; a malformed entry raises ValueError
    naming it."""
    terms = []
    for number, raw in enumerate(tomllib.loads(text).get("term", []), start=1):
        unknown = set(raw) - {"en", "hant", "hans", "forbidden", "allowed"}
        if unknown or not raw.get("en") or not raw.get("hant"):
            raise ValueError(
                f"Glossary term {number} ({raw.get('en', '?')}): needs en and hant, "
                f"and knows no {', '.join(sorted(unknown)) or 'other key'}"
            )
        terms.append(
            Term(
                en=raw["en"],
                hant=raw["hant"],
                forbidden=tuple(raw.get("forbidden", ())),
                allowed=tuple(raw.get("allowed", ())),
                hans=raw.get("hans"),
            )
        )
    return tuple(terms)


@functools.cache
def terms() -> tuple[Term, ...]:
    return parse_terms(TERMS_PATH.read_text("utf-8"))


@dataclass(frozen=True)
class Rule:
    en: str
    pattern: re.Pattern
    replacement: str

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


def parse_rules(text: str) -> tuple[Rule, ...]:
    """The interface's rewriting rules (regular expressions on Traditional text, applied
    before the Simplified catalogs are derived); a malformed one raises ValueError."""
    rules = []
    for number, raw in enumerate(tomllib.loads(text).get("rule", []), start=1):
        try:
            rules.append(Rule(raw["en"], re.compile(raw["pattern"]), raw["replacement"]))
        except (KeyError, re.error) as error:
            raise ValueError(f"Glossary rule {number}: {error}") from error
    return tuple(rules)


@functools.cache
def rules() -> tuple[Rule, ...]:
    return parse_rules(TERMS_PATH.read_text("utf-8"))


def violations(text: str, glossary: tuple[Term, ...] | None = None) -> list[Violation]:
    """The forbidden variants that occur in a zh_Hant text."""
    found = []
    for term in terms() if glossary is None else glossary:
        checked = text
        for phrase in term.allowed:
            checked = checked.replace(phrase, "\0")
        found += [Violation(variant, term) for variant in term.forbidden if variant in checked]
    return found


def simplified_overrides() -> dict[str, str]:
    """zh_Hant term -> the Simplified term shown instead of OpenCC's conversion."""
    return {term.hant: term.hans for term in terms() if term.hans}
