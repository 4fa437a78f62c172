"""The questions a sheet's facts ask, written out before anything is saved."""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ...models import FactTemplate
from ...normalise import fold
from ...question_types import QuestionType
from .templates import Placeholders, asks_highest, templates_by_attribute

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
DISTRACTORS = 3
HIDDEN = "____"


@dataclass
class QuestionSpec:
    """A question a sheet asks for, before it is saved."""

    fact_key: str
    template: FactTemplate
    qtype: str
    name: str
    stem: str
    payload: dict
    general_feedback: str = ""


@dataclass
class RefreshSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    skipped: list[str] = field(default_factory=list)  # attributes too thin for a choice question


def _md(text: str) -> str:
    """Facts are data, not Markdown: keep them from being read as emphasis or links."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def _stem(template: FactTemplate, **values) -> str:
    return template.stem.format_map(Placeholders({k: _md(v) for k, v in values.items()}))


def _key(subject: str, entity: str, attribute: str, template: FactTemplate) -> str:
    key = f"facts:{subject}:{fold(entity)}:{fold(attribute)}#{template.pk}"
    if len(key) > 255:
        digest = hashlib.sha1(key.encode()).hexdigest()
        key = f"facts:{subject}:~{digest}#{template.pk}"
    return key


def _stable(items: list, salt: str, key=lambda item: item) -> list:
    """Items in an order that looks shuffled but is the same every time, so that
    uploading the same sheet again changes no question."""
    return sorted(items, key=lambda item: hashlib.sha1(f"{salt}\0{key(item)}".encode()).digest())


def _pick(ordered: list[str], salt: str, wanted, count: int = DISTRACTORS) -> list[str]:
    """Up to `count` items of `ordered` that are `wanted`, walking on from a
    place that depends on `salt`: varied between questions, stable between uploads."""
    if not ordered:
        return []
    start = int.from_bytes(hashlib.sha1(salt.encode()).digest()[:4], "big") % len(ordered)
    picked = []
    for item in ordered[start:] + ordered[:start]:
        if wanted(item):
            picked.append(item)
            if len(picked) == count:
                break
    return picked


def _choices(right: str, distractors: list[str], salt: str) -> dict:
    texts = [right, *distractors]
    return {
        "choices": [
            {"text": _md(text), "fraction": 1.0 if text == right else 0.0, "feedback": ""}
            for text in _stable(texts, salt)
        ]
    }


def _same_value(a, b) -> bool:
    if a.number is not None and b.number is not None:
        return a.number == b.number
    return fold(a.value) == fold(b.value)


def _feedback(fact) -> str:
    return _("%(entity)s · %(attribute)s: %(value)s%(unit)s (as of %(as_of)s)") % {
        "entity": _md(fact.entity),
        "attribute": _md(fact.attribute),
        "value": _md(fact.value),
        "unit": _md(fact.unit_label),
        "as_of": fact.as_of.isoformat(),
    }


def _specs_for(
    subject: str, facts: list, templates: dict[str, list[FactTemplate]], summary: RefreshSummary
) -> dict[str, QuestionSpec]:
    specs: dict[str, QuestionSpec] = {}
    by_attribute: dict[str, list] = {}
    entities: dict[str, str] = {}
    for fact in facts:
        by_attribute.setdefault(fold(fact.attribute), []).append(fact)
        entities.setdefault(fold(fact.entity), fact.entity)

    for attribute, rows in by_attribute.items():
        for template in templates.get(attribute, []):
            if template.kind == FactTemplate.Kind.NUMERIC:
                for fact in rows:
                    if fact.number is None:
                        continue
                    key = _key(subject, fact.entity, fact.attribute, template)
                    specs[key] = QuestionSpec(
                        fact_key=key,
                        template=template,
                        qtype=QuestionType.NUMERIC,
                        name=f"{fact.entity} · {fact.attribute}",
                        stem=_stem(
                            template,
                            entity=fact.entity,
                            attribute=fact.attribute,
                            unit=fact.unit_label,
                            as_of=fact.as_of.isoformat(),
                            value=fact.value,
                        ),
                        payload={
                            "answers": [
                                {
                                    "value": float(fact.number),
                                    "tolerance": float(template.tolerance),
                                    "tolerance_kind": template.tolerance_kind,
                                    "fraction": 1.0,
                                    "feedback": "",
                                }
                            ],
                            "unit": fact.unit_label,
                        },
                        general_feedback=_feedback(fact),
                    )
            elif asks_highest(template):
                numbered = [fact for fact in rows if fact.number is not None]
                if len(numbered) < 2:
                    summary.skipped.append(template.attribute)
                    continue
                top = max(fact.number for fact in numbered)
                leaders = [fact for fact in numbered if fact.number == top]
                if len(leaders) > 1:
                    summary.skipped.append(template.attribute)
                    continue
                leader = leaders[0]
                key = _key(subject, "*", leader.attribute, template)
                others = _stable([f.entity for f in numbered if f is not leader], key, fold)
                as_of = max(fact.as_of for fact in numbered)
                specs[key] = QuestionSpec(
                    fact_key=key,
                    template=template,
                    qtype=QuestionType.SINGLE,
                    name=_("Highest %(attribute)s") % {"attribute": leader.attribute},
                    stem=_stem(
                        template,
                        entity=HIDDEN,
                        attribute=leader.attribute,
                        unit=leader.unit_label,
                        as_of=as_of.isoformat(),
                        value=HIDDEN,
                    ),
                    payload=_choices(leader.entity, others[:DISTRACTORS], key),
                    general_feedback=_feedback(leader),
                )
            else:
                # Distractors: first the other entities with this attribute (and
                # another value), then the sheet's other entities.
                row_of = {fold(f.entity): f for f in rows}
                with_attribute = _stable(list(row_of), attribute)
                without = _stable([e for e in entities if e not in row_of], attribute)
                for fact in rows:
                    key = _key(subject, fact.entity, fact.attribute, template)
                    own = fold(fact.entity)
                    distractors = _pick(
                        with_attribute,
                        key,
                        lambda e, own=own, fact=fact, row_of=row_of: (
                            e != own and not _same_value(row_of[e], fact)
                        ),
                    )
                    distractors += _pick(without, key, lambda e: True)
                    distractors = [entities[e] for e in distractors[:DISTRACTORS]]
                    if not distractors:
                        summary.skipped.append(template.attribute)
                        continue
                    specs[key] = QuestionSpec(
                        fact_key=key,
                        template=template,
                        qtype=QuestionType.SINGLE,
                        name=f"{fact.entity} · {fact.attribute}",
                        stem=_stem(
                            template,
                            entity=HIDDEN,
                            attribute=fact.attribute,
                            unit=fact.unit_label,
                            as_of=fact.as_of.isoformat(),
                            value=fact.value,
                        ),
                        payload=_choices(fact.entity, distractors, key),
                        general_feedback=_feedback(fact),
                    )
    return specs


def _question_specs(subject: str, facts: list) -> tuple[dict[str, QuestionSpec], RefreshSummary]:
    """The questions a sheet asks, keyed by fact_key. Generated text is in the
    site's default language, whoever uploads, so an identical sheet uploaded
    again changes nothing."""
    summary = RefreshSummary()
    with translation.override(settings.LANGUAGE_CODE):
        specs = _specs_for(subject, facts, templates_by_attribute(), summary)
    summary.skipped = sorted(set(summary.skipped))
    return specs, summary
