"""A subject's territory questions brought in line with its sheet: planned, then written in bulk."""

from django.utils import timezone

from people.models import OrgUnit, Person

from ...models import AttemptItem, FactSheet, Question, QuestionVersion
from ...validation import validate_question
from ..imports import questions_bulk_create
from .sheets import FactRow, _subject
from .specs import QuestionSpec, RefreshSummary, _question_specs


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
