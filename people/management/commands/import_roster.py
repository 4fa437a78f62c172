from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.conf import people_settings
from people.roster import RosterInvalid, roster_apply, roster_preview
from tabular.reading import TableError, check_size


class Command(BaseCommand):
    help = (
        "Import the staff roster from a CSV or XLSX file. Without --apply it only "
        "previews: it lists what would change, or every problem with its row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The roster file (.csv or .xlsx).")
        parser.add_argument(
            "--apply", action="store_true", help="Apply the file if it has no errors."
        )
        parser.add_argument(
            "--encoding",
            help="Read a CSV in this encoding (utf-8, gb18030, big5) instead of the most plausible.",
        )

    def handle(self, *args, path, apply, encoding=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:  # before the file is read into memory
            check_size(file.stat().st_size, max_bytes=people_settings.ROSTER_MAX_BYTES)
        except TableError as error:
            raise CommandError(error.message) from error
        roster_import = roster_preview(
            file_name=file.name, data=file.read_bytes(), encoding=encoding
        )
        if roster_import.errors:
            for error in roster_import.errors:
                where = f"row {error['row']}, {error['column']}" if error["row"] else "file"
                self.stderr.write(f"{file.name}: {where}: {error['message']}")
            raise CommandError(f"{len(roster_import.errors)} problem(s); nothing was imported.")
        summary = roster_import.summary
        if summary.get("encoding") and summary["encoding"] != "xlsx":
            others = [name for name in summary.get("encodings", []) if name != summary["encoding"]]
            also = f" (also readable as {', '.join(others)}: see --encoding)" if others else ""
            self.stdout.write(f"Read as {summary['encoding']}{also}.")
        for row in summary["plan"]:
            if row["action"] != "unchanged":
                changes = f" ({', '.join(row['changes'])})" if row["changes"] else ""
                self.stdout.write(
                    f"row {row['row']}: {row['action']} {row['employee_id']} {row['name']}{changes}"
                )
        self.stdout.write(
            f"{summary['rows']} rows: {summary['creates']} to add, {summary['updates']} to update, "
            f"{summary['unchanged']} unchanged."
        )
        if not apply:
            self.stdout.write("Dry run: nothing changed. Run again with --apply to import.")
            return
        try:
            roster_apply(roster_import=roster_import)
        except RosterInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(f"{file.name}: row {error.row}, {error.column}: {error.message}")
            raise CommandError("Nothing was imported.") from invalid
        self.stdout.write(self.style.SUCCESS("Roster applied."))
