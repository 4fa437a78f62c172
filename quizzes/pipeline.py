"""Question files (and, below, territory fact sheets) as kinds of import in
the pipeline (imports/): upload, a preview with every problem located, then
the apply in the background with progress."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from imports.registry import Importer, ImportProblems, problem
from imports.services import import_run_data
from people.selectors import sees_everyone

from .importers import ImportRefused
from .models import Category, Topic
from .question_types import QuestionType
from .services.imports import question_file_check, questions_import

PREVIEW_QUESTIONS = 500  # questions listed on the preview; the counts cover all


def _problems(import_problems) -> list[dict]:
    return [
        problem(
            p.message,
            line=p.line,
            column=str(p.column) if p.column is not None else "",
        )
        for p in import_problems
    ]


class QuestionImporter(Importer):
    kind = "questions"
    label = gettext_lazy("Import questions")
    namespace = "quizzes_import"
    where_label = gettext_lazy("Line or row")
    preview_template = "quizzes/admin/import_questions_preview.html"

    def may_use(self, user) -> bool:
        return user.has_perm("quizzes.add_question")

    def sees_all(self, user) -> bool:
        return sees_everyone(user)

    def preview(self, *, run, data: bytes) -> None:
        check = question_file_check(file_name=run.file_name, data=data)
        run.detected_encoding = check.encoding
        run.total = len(check.questions)
        run.problems = _problems(check.problems)
        by_type: dict[str, int] = {}
        for question in check.questions:
            by_type[question.qtype] = by_type.get(question.qtype, 0) + 1
        run.preview = {
            "by_type": by_type,
            "questions": [
                {
                    "line": q.line,
                    "type": q.qtype,
                    "name": q.name,
                    "category": q.category,
                    "topic": q.topic,
                }
                for q in check.questions[:PREVIEW_QUESTIONS]
            ],
        }

    def apply(self, *, run, on_progress) -> dict:
        category = Category.objects.filter(pk=run.params.get("category")).first()
        topic = Topic.objects.filter(pk=run.params.get("topic")).first()
        if category is None or topic is None:
            raise ImportProblems(
                [problem(_("The category or the topic chosen for this import is gone."))]
            )
        try:
            imported = questions_import(
                file_name=run.file_name,
                data=import_run_data(run),
                category=category,
                topic=topic,
                user=run.created_by,
                on_progress=on_progress,
            )
        except ImportRefused as refused:
            raise ImportProblems(_problems(refused.problems)) from refused
        return {"imported": imported}

    def preview_context(self, *, run) -> dict:
        labels = dict(QuestionType.choices)
        category = Category.objects.filter(pk=run.params.get("category")).first()
        topic = Topic.objects.filter(pk=run.params.get("topic")).first()
        return {
            "category": category,
            "topic": topic,
            "by_type": [(labels.get(k, k), n) for k, n in run.preview.get("by_type", {}).items()],
            "questions": [
                {**q, "type_label": labels.get(q["type"], q["type"])}
                for q in run.preview.get("questions", [])
            ],
            "listed_all": run.total <= PREVIEW_QUESTIONS,
        }

    def result_lines(self, *, run) -> list[str]:
        imported = run.result.get("imported", 0)
        return [
            ngettext("%(count)d question imported.", "%(count)d questions imported.", imported)
            % {"count": imported}
        ]
