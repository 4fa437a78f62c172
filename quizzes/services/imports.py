"""Importing question files: checked whole first, then saved all at once.

Small files are imported inside the request; larger ones by a background
task (django-q2) that reports progress through the cache, since its own
transaction is invisible to other connections until it commits.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from ..conf import quizzes_settings
from ..importers import ImportRefused, parse_question_file
from ..models import Category, QuestionImport, Topic
from .questions import question_create

PROGRESS_EVERY = 25


def _progress_key(import_id: int) -> str:
    return f"quizzes:import:{import_id}:progress"


def import_progress(question_import: QuestionImport) -> int:
    """How many questions are saved so far (0 to total)."""
    if question_import.status == QuestionImport.Status.DONE:
        return question_import.imported
    return cache.get(_progress_key(question_import.pk), 0)


def question_import_create(
    *, file_name: str, data: bytes, category: Category, topic: Topic, user
) -> QuestionImport:
    """Check a file and import it now, or hand it to the background when large."""
    question_import = QuestionImport.objects.create(
        file_name=file_name, data=data, category=category, topic=topic, uploaded_by=user
    )
    try:
        parsed = parse_question_file(file_name, data)
    except ImportRefused as refused:
        question_import.status = QuestionImport.Status.REFUSED
        question_import.problems = [problem.as_dict() for problem in refused.problems]
        question_import.finished_at = timezone.now()
        question_import.save(update_fields=["status", "problems", "finished_at"])
        return question_import
    question_import.total = len(parsed)
    question_import.save(update_fields=["total"])
    if len(parsed) > quizzes_settings.IMPORT_BACKGROUND_OVER:
        async_task("quizzes.tasks.run_question_import", question_import.pk)
    else:
        question_import_run(import_id=question_import.pk)
    question_import.refresh_from_db()
    return question_import


def _category_for(path: str, root: Category, cache_: dict) -> Category:
    """The category at `path` under the import's category, made when missing."""
    if not path:
        return root
    if path in cache_:
        return cache_[path]
    node = root
    for name in [part.strip() for part in path.split("/") if part.strip()]:
        child = node.get_children().filter(name=name).first()
        node = child or node.add_child(instance=Category(name=name))
    cache_[path] = node
    return node


def _topic_for(name: str, default: Topic, cache_: dict) -> Topic:
    if not name:
        return default
    if name not in cache_:
        # Known to exist: question_import_run refuses files with unknown topics first.
        cache_[name] = Topic.objects.filter(name=name).first() or Topic.objects.get(code=name)
    return cache_[name]


def question_import_run(*, import_id: int) -> QuestionImport:
    """Save every question of a checked file in one transaction. Idempotent."""
    question_import = QuestionImport.objects.select_related("category", "topic").get(pk=import_id)
    if question_import.status in (QuestionImport.Status.DONE, QuestionImport.Status.REFUSED):
        return question_import
    QuestionImport.objects.filter(pk=import_id).update(status=QuestionImport.Status.RUNNING)
    try:
        parsed = parse_question_file(question_import.file_name, bytes(question_import.data))
    except ImportRefused as refused:
        problems = [problem.as_dict() for problem in refused.problems]
        return _refuse(question_import, problems)
    unknown_topics = sorted(
        {q.topic for q in parsed if q.topic}
        - set(
            Topic.objects.filter(name__in=[q.topic for q in parsed]).values_list("name", flat=True)
        )
        - set(
            Topic.objects.filter(code__in=[q.topic for q in parsed]).values_list("code", flat=True)
        )
    )
    if unknown_topics:
        problems = [
            {
                "line": q.line,
                "column": None,
                "message": _("Row %(row)d: unknown topic “%(topic)s”; add it under Topics first.")
                % {"row": q.line, "topic": q.topic},
            }
            for q in parsed
            if q.topic in unknown_topics
        ]
        return _refuse(question_import, problems)
    categories, topics = {}, {}
    with transaction.atomic():
        for done, question in enumerate(parsed, start=1):
            question_create(
                category=_category_for(question.category, question_import.category, categories),
                topic=_topic_for(question.topic, question_import.topic, topics),
                qtype=question.qtype,
                name=question.name,
                stem=question.stem,
                payload=question.payload,
                general_feedback=question.general_feedback,
                difficulty=question.difficulty or 3,
                user=question_import.uploaded_by,
            )
            if done % PROGRESS_EVERY == 0:
                cache.set(_progress_key(import_id), done, timeout=3600)
        question_import.status = QuestionImport.Status.DONE
        question_import.imported = len(parsed)
        question_import.finished_at = timezone.now()
        question_import.save(update_fields=["status", "imported", "finished_at"])
    cache.delete(_progress_key(import_id))
    return question_import


def _refuse(question_import: QuestionImport, problems: list[dict]) -> QuestionImport:
    question_import.status = QuestionImport.Status.REFUSED
    question_import.problems = problems
    question_import.finished_at = timezone.now()
    question_import.save(update_fields=["status", "problems", "finished_at"])
    return question_import
