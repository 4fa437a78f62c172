"""Importing question files: checked whole first (the preview), then saved all
at once with a fixed number of queries per thousand questions.

The upload, the preview, the confirmation and the background apply are the
import pipeline's (imports/); quizzes.pipeline plugs this in as its
"questions" importer.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from tabular.decoding import UndecodableFile, decode_text

from ..importers import ImportProblem, ImportRefused, ParsedQuestion, read_question_file
from ..models import Category, Question, QuestionVersion, Topic
from ..validation import validate_question

CHUNK = 1000  # questions written per round of bulk queries


@dataclass
class QuestionFileCheck:
    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""


def _encoding_of(file_name: str, data: bytes) -> str:
    if PurePath(file_name).suffix.lower() == ".xlsx" or data.startswith(b"PK\x03\x04"):
        return ""
    try:
        return decode_text(data)[1]
    except UndecodableFile:
        return ""


def _topics_by_word(words: set[str]) -> dict[str, Topic]:
    """Topics named, or coded, by the file's words: two queries."""
    found = {topic.name: topic for topic in Topic.objects.filter(name__in=words)}
    for topic in Topic.objects.filter(code__in=words - set(found)):
        found[topic.code] = topic
    return found


def question_file_check(*, file_name: str, data: bytes) -> QuestionFileCheck:
    """Every question of a file and every problem, each with its line (or row)
    and column. Reads only."""
    result = read_question_file(file_name, data)
    check = QuestionFileCheck(
        questions=result.questions,
        problems=list(result.problems),
        encoding=_encoding_of(file_name, data),
    )
    if check.problems:
        check.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        return check
    words = {q.topic for q in check.questions if q.topic}
    known = _topics_by_word(words) if words else {}
    for question in check.questions:
        if question.topic and question.topic not in known:
            check.problems.append(
                ImportProblem(
                    question.line,
                    None,
                    _("Row %(row)d: unknown topic “%(topic)s”; add it under Topics first.")
                    % {"row": question.line, "topic": question.topic},
                )
            )
        try:
            validate_question(qtype=question.qtype, stem=question.stem, payload=question.payload)
        except ValidationError as invalid:
            for message in invalid.messages:
                check.problems.append(ImportProblem(question.line, None, message))
    return check


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


def questions_bulk_create(*, rows: list[tuple[Question, dict]], user=None) -> list[Question]:
    """Save new questions, each with its first version (a dict of stem, payload
    and general_feedback, already validated), in three bulk queries (more only
    where the database caps the parameters of one query)."""
    if not rows:
        return []
    created = Question.objects.bulk_create([question for question, _content in rows])
    QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(question=question, number=1, created_by=user, **content)
            for question, (_unsaved, content) in zip(created, rows, strict=True)
        ]
    )
    Question.objects.filter(pk__in=[question.pk for question in created]).update(
        current_version=Subquery(
            QuestionVersion.objects.filter(question=OuterRef("pk"), number=1).values("pk")[:1]
        )
    )
    return created


def questions_import(
    *,
    file_name: str,
    data: bytes,
    category: Category,
    topic: Topic,
    user=None,
    on_progress=None,
) -> int:
    """Check the file again and save all its questions; ImportRefused with
    every problem when it has any. Call inside a transaction: the questions
    are written in rounds of CHUNK, a few queries each, whatever their number
    (plus one or two per category the file names that does not exist yet)."""
    check = question_file_check(file_name=file_name, data=data)
    if check.problems:
        raise ImportRefused(check.problems)
    questions = check.questions
    categories: dict = {}
    for path in sorted({q.category for q in questions}):
        _category_for(path, category, categories)
    words = {q.topic for q in questions if q.topic}
    topics = _topics_by_word(words) if words else {}
    done = 0
    for start in range(0, len(questions), CHUNK):
        chunk = questions[start : start + CHUNK]
        questions_bulk_create(
            rows=[
                (
                    Question(
                        category=_category_for(q.category, category, categories),
                        topic=topics[q.topic] if q.topic else topic,
                        qtype=q.qtype,
                        name=q.name[:255],
                        difficulty=q.difficulty or 3,
                    ),
                    {"stem": q.stem, "payload": q.payload, "general_feedback": q.general_feedback},
                )
                for q in chunk
            ],
            user=user,
        )
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    return done
