"""The staff roster as one kind of import in the pipeline (imports/): upload,
a preview of every change and problem, then the apply in the background."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from imports.registry import Importer, ImportProblems, problem

from .models import RosterImport
from .roster.apply import roster_apply
from .roster.columns import column_label
from .roster.plan import RosterInvalid, roster_preview
from .selectors import sees_everyone


class RosterImporter(Importer):
    kind = "roster"
    label = gettext_lazy("Roster import")
    namespace = "people_roster"
    preview_template = "people/admin/roster_changes.html"
    text_extensions = (".csv", ".txt", ".tsv")

    def may_use(self, user) -> bool:
        return user.has_perm("people.import_roster")

    def sees_all(self, user) -> bool:
        return sees_everyone(user)

    def preview(self, *, run, data: bytes) -> None:
        # The roster reader decodes the original bytes itself, in the chosen encoding if any.
        roster_import = roster_preview(
            file_name=run.file_name,
            data=bytes(run.data),
            user=run.created_by,
            encoding=run.encoding or None,
        )
        run.params = {**run.params, "roster_import": roster_import.pk}
        summary = roster_import.summary
        run.total = summary.get("rows") or len(roster_import.rows)
        if not run.encoding:
            run.detected_encoding = summary.get("encoding") or ""
        run.problems = [
            problem(error["message"], row=error["row"], column=error["column"])
            for error in roster_import.errors
        ]
        run.preview = {
            key: summary[key]
            for key in ("rows", "creates", "updates", "unchanged")
            if key in summary
        }

    def _roster_import(self, run) -> RosterImport | None:
        pk = run.params.get("roster_import")
        return RosterImport.objects.filter(pk=pk).first() if pk else None

    def apply(self, *, run, on_progress) -> dict:
        roster_import = self._roster_import(run)
        if roster_import is None:
            raise ImportProblems(
                [problem(_("The preview of this roster is gone; upload it again."))]
            )

        def rows_written(done: int, total: int) -> None:
            # The roster counts the rows it changes; the bar counts every row of the file.
            on_progress(done * run.total // total if total else run.total)

        try:
            plan = roster_apply(roster_import=roster_import, on_progress=rows_written)
        except RosterInvalid as invalid:
            raise ImportProblems(
                [problem(e.message, row=e.row or None, column=e.column) for e in invalid.errors]
            ) from invalid
        return plan.summary()

    def discard(self, *, run) -> None:
        pk = run.params.get("roster_import")
        if pk:
            RosterImport.objects.filter(pk=pk).exclude(status=RosterImport.Status.APPLIED).delete()

    def column_label(self, column: str) -> str:
        return column_label(column)

    def preview_context(self, *, run) -> dict:
        roster_import = self._roster_import(run)
        rows = roster_import.summary.get("plan", []) if roster_import else []
        return {
            "plan": [
                {**row, "changes": [column_label(key) for key in row.get("changes", [])]}
                for row in rows
            ]
        }

    def result_lines(self, *, run) -> list[str]:
        result = run.result
        if "creates" not in result:
            return []
        lines = [
            _("Roster applied: %(creates)d added, %(updates)d updated, %(unchanged)d unchanged.")
            % result
        ]
        if result["creates"]:
            # A new login has an unusable password (people.roster), so a reset by
            # e-mail does not reach it either: an administrator sets the first one.
            lines.append(
                ngettext(
                    "%(count)d person was added with a login named after their employee ID "
                    "and no password yet: an administrator sets their first password "
                    "(Settings → Users, the person's login), unless single sign-on signs "
                    "them in.",
                    "%(count)d people were added with a login named after their employee ID "
                    "and no password yet: an administrator sets their first password "
                    "(Settings → Users, the person's login), unless single sign-on signs "
                    "them in.",
                    result["creates"],
                )
                % {"count": result["creates"]}
            )
        return lines

    def result_links(self, *, run, user) -> list[tuple[str, str]]:
        """Where the first passwords of the people just added are set."""
        if not run.result.get("creates") or not user.has_perm("auth.change_user"):
            return []
        return [
            (
                _("Set their first passwords in Settings → Users"),
                reverse("wagtailusers_users:index"),
            )
        ]
