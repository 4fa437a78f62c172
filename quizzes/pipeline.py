"""Question files (and, below, territory fact sheets) as kinds of import in
the pipeline (imports/): upload, a preview with every problem located, then
the apply in the background with progress."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from imports.registry import Importer, ImportProblems, problem
from imports.services import import_run_data
from people.models import OrgUnit, Person
from people.selectors import sees_everyone

from .importers import ImportRefused
from .models import Category, Topic
from .question_types import QuestionType
from .selectors.facts import may_upload_facts
from .services.facts import (
    COLUMN_LABELS,
    FactSheetInvalid,
    fact_sheet_apply,
    fact_sheet_encoding,
    fact_sheet_preview,
    facts_questions_plan,
    may_upload_facts_for,
)
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

    def result_links(self, *, run, user) -> list[tuple[str, str]]:
        """The questions listing filtered to the import's category (the file's own
        categories are made under it), and a new drill drawing from that category."""
        category = Category.objects.filter(pk=run.params.get("category")).first()
        if category is None or not run.result.get("imported"):
            return []
        query = urlencode({"category": category.pk})
        # Whoever may import questions (quizzes.add_question) may open their listing.
        links = [
            (
                _("See the questions of “%(category)s”") % {"category": category.name},
                f"{reverse('questions:index')}?{query}",
            )
        ]
        if user.has_perm("quizzes.add_drill"):
            links.append((_("Build a drill from them"), f"{reverse('drills:add')}?{query}"))
        return links

    def result_lines(self, *, run) -> list[str]:
        imported = run.result.get("imported", 0)
        return [
            ngettext("%(count)d question imported.", "%(count)d questions imported.", imported)
            % {"count": imported}
        ]


# --- territory fact sheets ----------------------------------------------------------------


def _fact_subject(params: dict) -> dict | None:
    """{"person": Person} or {"unit": OrgUnit} from the run's ids, None when gone."""
    if params.get("person"):
        person = Person.objects.filter(pk=params["person"]).select_related("unit").first()
        return {"person": person} if person else None
    if params.get("unit"):
        unit = OrgUnit.objects.filter(pk=params["unit"]).first()
        return {"unit": unit} if unit else None
    return None


class FactSheetImporter(Importer):
    kind = "facts"
    label = gettext_lazy("Fact sheet upload")
    namespace = "quizzes_facts"
    base_template = "quizzes/facts/import_frame.html"
    preview_template = "quizzes/facts/import_preview.html"
    text_extensions = (".csv", ".txt", ".tsv")

    def may_use(self, user) -> bool:
        return may_upload_facts(user)

    def sees_all(self, user) -> bool:
        return sees_everyone(user)

    def may_see(self, user, run) -> bool:
        subject = _fact_subject(run.params)
        return subject is not None and may_upload_facts_for(user, **subject)

    def preview(self, *, run, data: bytes) -> None:
        subject = _fact_subject(run.params)
        if subject is None:
            run.problems = [problem(_("The person or team of this upload is gone."))]
            return
        rows, problems = fact_sheet_preview(file_name=run.file_name, data=data, **subject)
        run.detected_encoding = fact_sheet_encoding(file_name=run.file_name, data=data)
        run.total = len(rows)
        run.problems = [problem(p.message, row=p.row, column=p.column) for p in problems]
        plan = None if problems else facts_questions_plan(rows=rows, **subject)
        run.preview = {
            "plan": plan,
            "problem_rows": sorted({p.row for p in problems if p.row}),
            "rows": [
                {
                    "row": r.row,
                    "entity": r.entity,
                    "attribute": r.attribute,
                    "value": r.value,
                    "unit_label": r.unit_label,
                    "as_of": r.as_of.isoformat() if r.as_of else "",
                }
                for r in rows
            ],
        }

    def apply(self, *, run, on_progress) -> dict:
        subject = _fact_subject(run.params)
        if subject is None or run.created_by is None:
            raise ImportProblems([problem(_("The person or team of this upload is gone."))])
        try:
            sheet = fact_sheet_apply(
                file_name=run.file_name,
                data=import_run_data(run),
                user=run.created_by,
                on_progress=on_progress,
                **subject,
            )
        except PermissionDenied as denied:
            raise ImportProblems(
                [problem(_("You may no longer upload facts for this person or team."))]
            ) from denied
        except FactSheetInvalid as invalid:
            raise ImportProblems(
                [problem(p.message, row=p.row, column=p.column) for p in invalid.problems]
            ) from invalid
        summary = sheet.refresh_summary
        return {
            "sheet": sheet.pk,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "retired": summary.retired,
        }

    def column_label(self, column: str) -> str:
        label = COLUMN_LABELS.get(column)
        return str(label) if label else column

    def preview_context(self, *, run) -> dict:
        subject = _fact_subject(run.params) or {}
        return {
            "subject": subject.get("person") or subject.get("unit"),
            "is_team": "unit" in subject,
            "plan": run.preview.get("plan"),
            "rows": run.preview.get("rows", []),
            "problem_rows": set(run.preview.get("problem_rows", [])),
        }

    def result_lines(self, *, run) -> list[str]:
        result = run.result
        if "created" not in result:
            return []
        return [
            _(
                "Fact sheet saved. Questions: %(created)d new, %(updated)d updated, "
                "%(unchanged)d unchanged, %(retired)d retired."
            )
            % result
        ]
