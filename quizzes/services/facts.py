"""Territory fact sheets (一口清 on one's own territory).

A manager uploads a CSV or XLSX sheet of facts for one person or one team:
columns entity, attribute, value, unit, as-of date (English or Chinese
headers, see COLUMN_ALIASES). Fact templates (FactTemplate) turn the facts of
an attribute into recall questions that only that person, or that team's
members, are asked:

- a numeric template asks for the value of each row, graded with the
  template's tolerance;
- a choice template whose question text contains {value} asks, for each row,
  whose value it is: the right entity and up to three other entities of the
  same sheet;
- a choice template without {value} asks which entity has the highest value
  of the attribute: one question per attribute and sheet.

The upload is all-or-nothing. A new sheet for the same person or team
replaces the current one: questions still asked about are updated (a new
version when somebody has answered the old one), new ones are created, and
those about rows no longer in the sheet are retired.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.models import OrgUnit, Person
from tabular.decoding import UndecodableFile, decode_text
from tabular.reading import TableError, read_table

from ..models import AttemptItem, Fact, FactSheet, FactTemplate, Question, QuestionVersion
from ..normalise import fold
from ..question_types import QuestionType
from ..selectors.facts import fact_upload_people, fact_upload_units
from ..validation import validate_question
from .imports import questions_bulk_create

FACTS_MAX_BYTES = 2 * 1024 * 1024
FACTS_MAX_ROWS = 2000

COLUMN_ALIASES = {
    "entity": {"entity", "customer", "client", "客戶", "客户", "實體", "实体"},
    "attribute": {"attribute", "item", "項目", "项目", "屬性", "属性"},
    "value": {"value", "數值", "数值", "值"},
    "unit": {"unit", "單位", "单位"},
    "as_of": {"as_of", "as of", "as-of", "as-of date", "as of date", "截至日期", "截止日期"},
}
REQUIRED_COLUMNS = {"entity", "attribute", "value", "as_of"}
COLUMN_LABELS = {
    "entity": gettext_lazy("Entity"),
    "attribute": gettext_lazy("Attribute"),
    "value": gettext_lazy("Value"),
    "unit": gettext_lazy("Unit"),
    "as_of": gettext_lazy("As of"),
}
FIELD_LIMITS = {"entity": 200, "attribute": 200, "value": 200, "unit": 50}

DATE_FORMATS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)%?$")
GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$")
MAX_NUMBER = Decimal("1e16")  # Fact.number holds 16 digits before the point
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
DISTRACTORS = 3
HIDDEN = "____"


@dataclass
class FactProblem:
    """What is wrong, and where: `row` as a spreadsheet shows it (None for the
    file as a whole), `column` a key of COLUMN_ALIASES ("" when none)."""

    row: int | None
    column: str
    message: str

    @property
    def column_label(self) -> str:
        label = COLUMN_LABELS.get(self.column)
        return str(label) if label else ""

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class FactRow:
    row: int
    entity: str
    attribute: str
    value: str
    number: Decimal | None
    unit_label: str
    as_of: date | None


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


class FactSheetInvalid(Exception):
    """The sheet was not saved; `problems` says everything that is wrong with it."""

    def __init__(self, problems: list[FactProblem]):
        super().__init__(
            "; ".join(
                f"row {p.row}, {p.column}: {p.message}" if p.row else p.message for p in problems
            )
        )
        self.problems = problems


# --- reading and checking -----------------------------------------------------------------


def _subject(person: Person | None, unit: OrgUnit | None) -> str:
    if (person is None) == (unit is None):
        raise ValueError("A fact sheet is for one person or one team, not both or neither.")
    return f"person-{person.pk}" if person is not None else f"unit-{unit.pk}"


def _parse_number(text: str) -> Decimal | None:
    """A number as a spreadsheet holds it: full-width digits, thousands
    separators and a trailing percent sign are tolerated, nothing else."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u00a0", "")
    if GROUPED_NUMBER.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not PLAIN_NUMBER.match(cleaned):
        return None
    try:
        number = Decimal(cleaned.rstrip("%"))
    except InvalidOperation:
        return None
    if abs(number) >= MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.0001"))


def _parse_date(text: str) -> date | None:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-", cleaned) else cleaned
    for pattern in DATE_FORMATS:
        match = pattern.match(cleaned)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _templates_by_attribute() -> dict[str, list[FactTemplate]]:
    by_attribute: dict[str, list[FactTemplate]] = {}
    for template in FactTemplate.objects.select_related("topic", "category").order_by("pk"):
        by_attribute.setdefault(fold(template.attribute), []).append(template)
    return by_attribute


def _asks_highest(template: FactTemplate) -> bool:
    return template.kind == FactTemplate.Kind.CHOICE and "{value}" not in template.stem


def _needs_number(templates: list[FactTemplate]) -> bool:
    return any(t.kind == FactTemplate.Kind.NUMERIC or _asks_highest(t) for t in templates)


def _template_problems(templates: dict[str, list[FactTemplate]], used: set[str]) -> list:
    problems = []
    for attribute in sorted(used):
        for template in templates.get(attribute, []):
            try:
                template.stem.format_map(_Placeholders())
            except (ValueError, IndexError, AttributeError, KeyError):
                problems.append(
                    FactProblem(
                        None,
                        "",
                        _(
                            "The question template for “%(attribute)s” has a malformed "
                            "question text; ask a trainer to correct it."
                        )
                        % {"attribute": template.attribute},
                    )
                )
    return problems


def _as_utf8(file_name: str, data: bytes, templates: dict[str, list[FactTemplate]]) -> bytes:
    """Decode a text file once more with the Chinese words it is likely to hold
    (the Chinese headers and the attributes templates ask about), so that a
    Big5 or GB18030 file with English headers is still told apart."""
    if file_name.lower().endswith(".xlsx"):
        return data
    words = {w for words in COLUMN_ALIASES.values() for w in words if not w.isascii()}
    words |= {t.attribute for group in templates.values() for t in group}
    try:
        text, _encoding = decode_text(data, expected_words=words)
    except UndecodableFile:
        return data  # read_table says so, with the encodings it tried
    return text.encode("utf-8")


def fact_sheet_encoding(*, file_name: str, data: bytes) -> str:
    """The encoding a text fact sheet is read in ("" for XLSX or unreadable)."""
    if file_name.lower().endswith(".xlsx"):
        return ""
    templates = _templates_by_attribute()
    words = {w for words in COLUMN_ALIASES.values() for w in words if not w.isascii()}
    words |= {t.attribute for group in templates.values() for t in group}
    try:
        return decode_text(data, expected_words=words)[1]
    except UndecodableFile:
        return ""


def fact_sheet_preview(
    *, file_name: str, data: bytes, person: Person | None = None, unit: OrgUnit | None = None
) -> tuple[list[FactRow], list[FactProblem]]:
    """Read and check a fact sheet. Saves nothing. Returns the rows as read and
    every problem found, each located by row and column."""
    _subject(person, unit)
    if len(data) > FACTS_MAX_BYTES:
        return [], [
            FactProblem(
                None,
                "",
                _("The file is larger than %(max)d MB.")
                % {"max": FACTS_MAX_BYTES // (1024 * 1024)},
            )
        ]
    templates = _templates_by_attribute()
    data = _as_utf8(file_name, data, templates)
    try:
        table = read_table(
            file_name=file_name,
            data=data,
            aliases=COLUMN_ALIASES,
            required=REQUIRED_COLUMNS,
            max_rows=FACTS_MAX_ROWS,
        )
    except TableError as exc:
        return [], [FactProblem(None, "", exc.message)]

    rows: list[FactRow] = []
    problems: list[FactProblem] = []
    first_seen: dict[tuple[str, str], int] = {}
    for table_row in table.rows:
        number, values = table_row.number, table_row.values

        def problem(column, message, number=number):
            problems.append(FactProblem(number, column, message))

        entity = values.get("entity", "")
        attribute = values.get("attribute", "")
        # Full-width digits and letters are stored plain: "８３０００００" is 8300000.
        value = unicodedata.normalize("NFKC", values.get("value", "")).strip()
        unit_label = values.get("unit", "")
        if not entity:
            problem("entity", _("The entity is empty."))
        if not attribute:
            problem("attribute", _("The attribute is empty."))
        if not value:
            problem("value", _("The value is empty."))
        for column, text in (
            ("entity", entity),
            ("attribute", attribute),
            ("value", value),
            ("unit", unit_label),
        ):
            if len(text) > FIELD_LIMITS[column]:
                problem(
                    column,
                    _("Longer than %(max)d characters.") % {"max": FIELD_LIMITS[column]},
                )

        parsed = _parse_number(value) if value else None
        if value and parsed is None and _needs_number(templates.get(fold(attribute), [])):
            problem(
                "value",
                _(
                    "“%(value)s” is not a number, and “%(attribute)s” is asked as a number; "
                    "write the unit in the unit column."
                )
                % {"value": value, "attribute": attribute},
            )

        as_of_text = values.get("as_of", "")
        as_of = _parse_date(as_of_text) if as_of_text else None
        if not as_of_text:
            problem("as_of", _("The as-of date is empty."))
        elif as_of is None:
            problem(
                "as_of",
                _("“%(value)s” is not a date; write it as 2024-05-31.") % {"value": as_of_text},
            )

        if entity and attribute:
            key = (fold(entity), fold(attribute))
            if key in first_seen:
                problem(
                    "entity",
                    _("“%(entity)s” · “%(attribute)s” is already on row %(first)d.")
                    % {"entity": entity, "attribute": attribute, "first": first_seen[key]},
                )
            else:
                first_seen[key] = number

        rows.append(FactRow(number, entity, attribute, value, parsed, unit_label, as_of))

    if not table.rows:
        problems.append(FactProblem(None, "", _("The file has no facts below its header.")))
    problems.extend(_template_problems(templates, {attr for _entity, attr in first_seen}))
    problems.sort(
        key=lambda p: (p.row or 0, list(COLUMN_ALIASES).index(p.column) if p.column else -1)
    )
    return rows, problems


# --- questions from facts -----------------------------------------------------------------


class _Placeholders(dict):
    """Format values for a stem; an unknown placeholder stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"


def _md(text: str) -> str:
    """Facts are data, not Markdown: keep them from being read as emphasis or links."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def _stem(template: FactTemplate, **values) -> str:
    return template.stem.format_map(_Placeholders({k: _md(v) for k, v in values.items()}))


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
            elif _asks_highest(template):
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
        specs = _specs_for(subject, facts, _templates_by_attribute(), summary)
    summary.skipped = sorted(set(summary.skipped))
    return specs, summary


def _existing_questions(subject: str, person, unit) -> dict[str, Question]:
    owner = {"owner_person": person} if person is not None else {"owner_unit": unit}
    existing: dict[str, Question] = {}
    questions = (
        Question.objects.filter(**owner, fact_key__startswith=f"facts:{subject}:")
        .select_related("current_version")
        .order_by("is_active", "pk")  # an active question wins over a retired one
    )
    for question in questions:
        existing[question.fact_key] = question
    return existing


def _differs(question: Question, spec: QuestionSpec) -> bool:
    current = question.current_version
    return (
        current is None
        or current.stem != spec.stem
        or current.payload != spec.payload
        or current.general_feedback != spec.general_feedback
    )


def facts_questions_plan(
    *, rows: list[FactRow], person: Person | None = None, unit: OrgUnit | None = None
) -> dict:
    """What applying these (checked) rows would do to the subject's questions:
    counts of questions to create, update, leave unchanged and retire. Reads only."""
    subject = _subject(person, unit)
    specs, summary = _question_specs(subject, rows)
    existing = _existing_questions(subject, person, unit)
    plan = {"create": 0, "update": 0, "unchanged": 0, "retire": 0, "skipped": summary.skipped}
    for key, spec in specs.items():
        question = existing.get(key)
        if question is None or question.qtype != spec.qtype:
            plan["create"] += 1
        elif not question.is_active or _differs(question, spec):
            plan["update"] += 1
        else:
            plan["unchanged"] += 1
    plan["retire"] = sum(
        1 for key, question in existing.items() if question.is_active and key not in specs
    )
    return plan


def facts_refresh_questions(*, sheet: FactSheet, user=None) -> RefreshSummary:
    """Bring the subject's territory questions in line with `sheet`: update the
    ones whose fact is still there, create the new ones, retire the stale ones.
    Written in bulk: the number of queries does not grow with the sheet."""
    person, unit = sheet.person, sheet.unit
    subject = _subject(person, unit)
    specs, summary = _question_specs(subject, list(sheet.facts.all()))
    existing = _existing_questions(subject, person, unit)

    retire: list[int] = []
    to_create: list[tuple[str, QuestionSpec]] = []
    moved: list[Question] = []  # questions whose own fields change
    moved_fields: set[str] = set()
    content: list[tuple[Question, QuestionSpec]] = []
    for key, spec in specs.items():
        question = existing.get(key)
        if question is not None and question.qtype != spec.qtype:
            # The template changed kind: the old question cannot become the new one.
            if question.is_active:
                retire.append(question.pk)
                summary.retired += 1
            question = None
        if question is None:
            validate_question(qtype=spec.qtype, stem=spec.stem, payload=spec.payload)
            to_create.append((key, spec))
            summary.created += 1
            continue
        changes = {}
        if not question.is_active:
            changes["is_active"] = True
        if question.category_id != spec.template.category_id:
            changes["category_id"] = spec.template.category_id
        if question.topic_id != spec.template.topic_id:
            changes["topic_id"] = spec.template.topic_id
        if question.name != spec.name[:255]:
            changes["name"] = spec.name[:255]
        if changes:
            for field_name, value in changes.items():
                setattr(question, field_name, value)
            moved.append(question)
            moved_fields |= {name.removesuffix("_id") for name in changes}
        if _differs(question, spec):
            validate_question(qtype=question.qtype, stem=spec.stem, payload=spec.payload)
            content.append((question, spec))
            summary.updated += 1
        elif changes:
            summary.updated += 1
        else:
            summary.unchanged += 1

    for key, question in existing.items():
        if question.is_active and key not in specs:
            retire.append(question.pk)
            summary.retired += 1

    if retire:
        Question.objects.filter(pk__in=retire).update(is_active=False)
    if moved:
        Question.objects.bulk_update(moved, sorted(moved_fields))
    if content:
        _versions_write(content, user=user)
    questions_bulk_create(
        rows=[
            (
                Question(
                    category=spec.template.category,
                    topic=spec.template.topic,
                    qtype=spec.qtype,
                    name=spec.name[:255],
                    owner_person=person,
                    owner_unit=unit,
                    fact_key=key,
                ),
                {
                    "stem": spec.stem,
                    "payload": spec.payload,
                    "general_feedback": spec.general_feedback,
                },
            )
            for key, spec in to_create
        ],
        user=user,
    )
    return summary


def _versions_write(content: list[tuple[Question, QuestionSpec]], *, user) -> None:
    """New content for existing questions, as question_update does one by one:
    a version somebody answered is kept and a new one added; otherwise the
    current version is corrected in place."""
    answered = set(
        AttemptItem.objects.filter(
            version_id__in=[q.current_version_id for q, _spec in content if q.current_version_id]
        ).values_list("version_id", flat=True)
    )
    corrected, added = [], []
    for question, spec in content:
        current = question.current_version
        if current is not None and current.pk not in answered:
            current.stem, current.payload = spec.stem, spec.payload
            current.general_feedback = spec.general_feedback
            corrected.append(current)
        else:
            added.append(
                QuestionVersion(
                    question=question,
                    number=(current.number + 1) if current else 1,
                    stem=spec.stem,
                    payload=spec.payload,
                    general_feedback=spec.general_feedback,
                    created_by=user,
                )
            )
    if corrected:
        QuestionVersion.objects.bulk_update(corrected, ["stem", "payload", "general_feedback"])
    if added:
        now = timezone.now()
        for version in QuestionVersion.objects.bulk_create(added):
            version.question.current_version = version
            version.question.updated_at = now
        Question.objects.bulk_update(
            [version.question for version in added], ["current_version", "updated_at"]
        )


# --- applying -----------------------------------------------------------------------------


def may_upload_facts_for(user, *, person: Person | None = None, unit: OrgUnit | None = None):
    """Whether `user` may upload facts for this person or team: they must lie in
    a subtree the user manages (everyone, for administrators)."""
    _subject(person, unit)
    if person is not None:
        return fact_upload_people(user).filter(pk=person.pk).exists()
    return fact_upload_units(user).filter(pk=unit.pk).exists()


def fact_sheet_apply(
    *,
    file_name: str,
    data: bytes,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    user,
    on_progress=None,
) -> FactSheet:
    """Save a fact sheet and refresh its questions, all at once or not at all.
    Raises PermissionDenied when the user may not upload for this subject, and
    FactSheetInvalid with every problem when the sheet has any. `on_progress`
    hears the number of facts saved. The queries do not grow with the sheet."""
    _subject(person, unit)
    if not may_upload_facts_for(user, person=person, unit=unit):
        raise PermissionDenied
    rows, problems = fact_sheet_preview(file_name=file_name, data=data, person=person, unit=unit)
    if problems:
        raise FactSheetInvalid(problems)

    with transaction.atomic():
        current = FactSheet.objects.select_for_update().filter(
            person=person, unit=unit, is_current=True
        )
        list(current)  # take the locks before changing anything
        current.update(is_current=False)
        sheet = FactSheet.objects.create(
            person=person,
            unit=unit,
            file_name=file_name[:255],
            uploaded_by=user,
            is_current=True,
        )
        Fact.objects.bulk_create(
            Fact(
                sheet=sheet,
                row=row.row,
                entity=row.entity,
                attribute=row.attribute,
                value=row.value,
                number=row.number,
                unit_label=row.unit_label,
                as_of=row.as_of,
            )
            for row in rows
        )
        if on_progress is not None:
            on_progress(len(rows))
        try:
            sheet.refresh_summary = facts_refresh_questions(sheet=sheet, user=user)
        except ValidationError as exc:
            raise FactSheetInvalid(
                [FactProblem(None, "", message) for message in exc.messages]
            ) from exc
    return sheet
