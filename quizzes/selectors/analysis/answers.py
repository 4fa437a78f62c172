"""Which answers people give to a question: a table of counts per version (choices)
or for all versions together (typed answers)."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ...models import Question
from ...normalise import fold, parse_number
from ...presentation import item_seed, to_payload_indices
from ...question_types import QuestionType

TOP_ANSWERS = 10


@dataclass(frozen=True)
class OptionCount:
    label: str  # a choice's text (Markdown), an answer as people typed it, or true/false
    count: int
    share: float | None  # of the answers; a multiple choice's shares add up to more than 1
    credit: float | None  # the choice's weight, or the mean score that answer got


@dataclass(frozen=True)
class OptionTable:
    version: int | None  # None: typed answers of every version together
    answers: int
    rows: list[OptionCount]
    markdown: bool = False  # labels are authors' Markdown (choices), not typed text


def _canonical(question: Question, payload: dict, item: dict) -> dict:
    """The response in the payload's own indices (responses are kept as displayed)."""
    shuffle = item["attempt__drill__shuffle_choices"]
    return to_payload_indices(
        qtype=question.qtype,
        payload=payload,
        seed=item_seed(item["attempt__seed"], item["position"]),
        shuffle=True if shuffle is None else shuffle,
        response=item["response"],
    )


def _share(count: int, answers: int) -> float | None:
    return count / answers if answers else None


def _picked(qtype: str, canonical) -> list:
    if not isinstance(canonical, dict):
        return []
    if qtype == QuestionType.SINGLE:
        return [canonical.get("choice")]
    picked = canonical.get("choices")
    return picked if isinstance(picked, list) else []


def _choice_table(question, version, items) -> OptionTable:
    choices = version.payload.get("choices", [])
    counts = [0] * len(choices)
    for item in items:
        canonical = _canonical(question, version.payload, item)
        for index in _picked(question.qtype, canonical):
            if isinstance(index, int) and 0 <= index < len(choices):
                counts[index] += 1
    rows = [
        OptionCount(
            choice.get("text", ""), count, _share(count, len(items)), choice.get("fraction", 0)
        )
        for choice, count in zip(choices, counts, strict=True)
    ]
    return OptionTable(version.number, len(items), rows, markdown=True)


def _true_false_table(version, items) -> OptionTable:
    given = Counter((item["response"] or {}).get("answer") for item in items)
    right = version.payload.get("answer")
    rows = [
        OptionCount(label, given[value], _share(given[value], len(items)), float(value == right))
        for label, value in ((_("True"), True), (_("False"), False))
    ]
    return OptionTable(version.number, len(items), rows)


def _typed_key(qtype: str, response) -> tuple[str, str] | None:
    """(grouping key, label) of a typed answer: folded text, or the number."""
    response = response or {}
    if qtype == QuestionType.NUMERIC:
        value = parse_number(response.get("value"))
        return None if value is None else (repr(value), f"{value:g}")
    text = response.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return fold(text), text.strip()


def _typed_table(question, items) -> OptionTable:
    """The most frequent answers, equal after folding (case, width, script) or
    as numbers; each shown as most people spelt it."""
    counts: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    scores: dict[str, float] = defaultdict(float)
    for item in items:
        keyed = _typed_key(question.qtype, item["response"])
        if keyed is None:
            continue
        key, label = keyed
        counts[key] += 1
        spellings[key][label] += 1
        scores[key] += item["score"] or 0.0
    top = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))[:TOP_ANSWERS]
    rows = [
        OptionCount(
            spellings[key].most_common(1)[0][0],
            count,
            _share(count, len(items)),
            scores[key] / count,
        )
        for key, count in top
    ]
    return OptionTable(None, len(items), rows)


def _option_tables(question, versions, answered_by_version) -> list[OptionTable]:
    qtype = question.qtype
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return [_choice_table(question, v, answered_by_version.get(v.pk, [])) for v in versions]
    if qtype == QuestionType.TRUE_FALSE:
        return [_true_false_table(v, answered_by_version.get(v.pk, [])) for v in versions]
    if qtype in (QuestionType.SHORT, QuestionType.NUMERIC):
        everything = [item for items in answered_by_version.values() for item in items]
        return [_typed_table(question, everything)]
    return []
