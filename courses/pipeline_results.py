"""Business figures as a kind of import in the pipeline (imports/): upload at
/learning/results/import/, a preview with every problem located by row and
column, then the apply in the background, all or nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.registry import Importer, ImportProblems, problem
from imports.services import import_run_data
from people.selectors import sees_everyone

from .models import FigureSource
from .results_file import figures_file_check, figures_plan
from .selectors.results import may_enter_figures
from .services.results import figures_save

FIGURES_KIND = "business_figures"
FIGURES_MAX_BYTES = 5 * 1024 * 1024
PREVIEW_ROWS = 500


class FiguresImporter(Importer):
    kind = FIGURES_KIND
    label = gettext_lazy("Import business figures")
    namespace = "courses:results_import"
    base_template = "courses/results/import_frame.html"
    preview_template = "courses/results/import_preview.html"
    text_extensions = (".csv", ".txt", ".tsv")

    def may_use(self, user) -> bool:
        return may_enter_figures(user)

    def sees_all(self, user) -> bool:
        return sees_everyone(user)

    def preview(self, *, run, data: bytes) -> None:
        check = figures_file_check(
            user=run.created_by, file_name=run.file_name, data=data, encoding=run.encoding or None
        )
        run.total = len(check.entries)
        run.problems = check.problems
        problem_rows = sorted({p["row"] for p in check.problems if p["row"]})
        run.preview = {
            "codes": check.codes,
            "rows": check.rows[:PREVIEW_ROWS],
            "row_count": len(check.rows),
            "problem_rows": problem_rows,
            "plan": None if check.problems else figures_plan(check.entries),
        }

    def apply(self, *, run, on_progress) -> dict:
        if run.created_by is None:
            raise ImportProblems([problem(_("The person who uploaded this file is gone."))])
        check = figures_file_check(
            user=run.created_by,
            file_name=run.file_name,
            data=import_run_data(run),
            encoding=run.encoding or None,
        )
        if check.problems:
            raise ImportProblems(check.problems)
        try:
            saved = figures_save(
                by=run.created_by,
                entries=check.entries,
                source=FigureSource.IMPORT,
                on_progress=on_progress,
            )
        except (PermissionDenied, ValidationError) as refused:
            raise ImportProblems(
                [problem(_("You may no longer enter these figures."))]
            ) from refused
        return {"created": saved.created, "updated": saved.updated, "unchanged": saved.unchanged}

    def column_label(self, column: str) -> str:
        return {"employee_id": _("Employee id"), "month": _("Month")}.get(column, column)

    def preview_context(self, *, run) -> dict:
        return {
            "codes": run.preview.get("codes", []),
            "rows": run.preview.get("rows", []),
            "listed_all": run.preview.get("row_count", 0) <= PREVIEW_ROWS,
            "problem_rows": set(run.preview.get("problem_rows", [])),
            "plan": run.preview.get("plan"),
        }

    def result_lines(self, *, run) -> list[str]:
        result = run.result
        if "created" not in result:
            return []
        return [
            _("Figures saved: %(created)d new, %(updated)d corrected, %(unchanged)d unchanged.")
            % result
        ]

    def result_links(self, *, run, user) -> list[tuple[str, str]]:
        return [(_("Enter or correct figures by hand"), reverse("courses:results"))]


def register_importer() -> None:
    """Called from CoursesConfig.ready()."""
    from imports.registry import register

    register(FiguresImporter())
