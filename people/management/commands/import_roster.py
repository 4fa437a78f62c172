from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imports.models import ImportRun
from imports.registry import importer_get
from imports.services import (
    ENCODINGS,
    import_run_confirm,
    import_run_create,
    import_run_repreview,
)
from people.conf import people_settings
from people.models import RosterImport
from tabular.reading import TableError, check_size


class Command(BaseCommand):
    help = (
        "Import the staff roster from a CSV or XLSX file through the import pipeline. "
        "Without --apply it only previews: it lists what would change, or every problem "
        "with its row and column. With --apply it applies the file here and now "
        "(recorded like an upload in the admin, under Roster import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The roster file (.csv or .xlsx).")
        parser.add_argument(
            "--apply", action="store_true", help="Apply the file if it has no errors."
        )
        parser.add_argument(
            "--encoding",
            choices=[code for code, _name in ENCODINGS],
            help="Read a CSV file in this encoding instead of detecting it.",
        )

    def handle(self, *args, path, apply, encoding=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:  # before the file is read into memory
            check_size(file.stat().st_size, max_bytes=people_settings.ROSTER_MAX_BYTES)
        except TableError as error:
            raise CommandError(error.message) from error
        run = import_run_create(
            kind="roster", user=None, file_name=file.name, data=file.read_bytes()
        )
        if encoding:
            run = import_run_repreview(run=run, encoding=encoding)
        self.stdout.write(f"Import {run.pk}.")
        if run.shown_encoding and run.shown_encoding != "xlsx":
            roster_import = RosterImport.objects.get(pk=run.params["roster_import"])
            others = [
                name
                for name in roster_import.summary.get("encodings", [])
                if name != run.shown_encoding
            ]
            also = f" (also readable as {', '.join(others)}: see --encoding)" if others else ""
            self.stdout.write(f"Read as {run.shown_encoding}{also}.")
        if run.problems:
            for item in run.problems:
                where = f"row {item['row']}, {item['column']}" if item["row"] else "file"
                self.stderr.write(f"{file.name}: {where}: {item['message']}")
            raise CommandError(f"{len(run.problems)} problem(s); nothing was imported.")
        for row in importer_get("roster").preview_context(run=run)["plan"]:
            if row["action"] != "unchanged":
                changes = f" ({', '.join(row['changes'])})" if row["changes"] else ""
                self.stdout.write(
                    f"row {row['row']}: {row['action']} {row['employee_id']} {row['name']}{changes}"
                )
        summary = run.preview
        self.stdout.write(
            f"{summary['rows']} rows: {summary['creates']} to add, {summary['updates']} to update, "
            f"{summary['unchanged']} unchanged."
        )
        if not apply:
            self.stdout.write("Dry run: nothing changed. Run again with --apply to import.")
            return
        run = import_run_confirm(run=run, background=False)
        if run.status != ImportRun.Status.DONE:
            for item in run.problems:
                self.stderr.write(
                    f"{file.name}: row {item['row']}, {item['column']}: {item['message']}"
                )
            raise CommandError(f"{run.reason or run.get_status_display()} Nothing was imported.")
        self.stdout.write(self.style.SUCCESS("Roster applied."))
