"""Writes for the question bank."""

from django.db import transaction
from django.utils.translation import gettext as _

from treeforms import node_move

from ..models import AttemptItem, Category, Question, QuestionVersion, Topic
from ..validation import validate_question


def category_move(*, category: Category, parent: Category | None) -> Category:
    """Put `category` (and its subtree) under `parent`, or make it top level."""
    return node_move(
        node=category, parent=parent, under_itself=_("A category cannot be moved under itself.")
    )


@transaction.atomic
def question_create(
    *,
    category: Category,
    topic: Topic,
    qtype: str,
    name: str,
    stem: str,
    payload: dict,
    general_feedback: str = "",
    difficulty: int = 3,
    user=None,
    owner_person=None,
    owner_unit=None,
    fact_key: str = "",
) -> Question:
    validate_question(qtype=qtype, stem=stem, payload=payload)
    question = Question.objects.create(
        category=category,
        topic=topic,
        qtype=qtype,
        name=name[:255],
        difficulty=difficulty,
        owner_person=owner_person,
        owner_unit=owner_unit,
        fact_key=fact_key,
    )
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        stem=stem,
        general_feedback=general_feedback,
        payload=payload,
        created_by=user,
    )
    question.current_version = version
    question.save(update_fields=["current_version"])
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    stem: str,
    payload: dict,
    general_feedback: str = "",
    user=None,
) -> QuestionVersion:
    """Change a question's content. If anybody has answered the current
    version, a new version is added and past attempts keep theirs; otherwise
    the current version is corrected in place."""
    validate_question(qtype=question.qtype, stem=stem, payload=payload)
    question = Question.objects.select_for_update().get(pk=question.pk)
    current = question.current_version
    unchanged = (
        current is not None
        and current.stem == stem
        and current.payload == payload
        and current.general_feedback == general_feedback
    )
    if unchanged:
        return current
    answered = current is not None and AttemptItem.objects.filter(version=current).exists()
    if current is None or answered:
        current = QuestionVersion.objects.create(
            question=question,
            number=(current.number + 1) if current else 1,
            stem=stem,
            general_feedback=general_feedback,
            payload=payload,
            created_by=user,
        )
        question.current_version = current
        question.save(update_fields=["current_version", "updated_at"])
    else:
        current.stem, current.payload, current.general_feedback = stem, payload, general_feedback
        current.save(update_fields=["stem", "payload", "general_feedback"])
    return current
