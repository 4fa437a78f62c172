from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imports.models import ImportRun
from imports.services import (
    ENCODINGS,
    import_run_confirm,
    import_run_create,
    import_run_repreview,
)
from quizzes.models import Category, Topic


class Command(BaseCommand):
    help = (
        "Import a question file (GIFT, Aiken, CSV or XLSX) through the import pipeline. "
        "Without --apply it only previews: it lists the questions found, or every problem "
        "with its line (or row). With --apply it imports them here and now (recorded like "
        "an upload in the admin, under Import questions)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The question file.")
        parser.add_argument("--category", type=int, required=True, help="Id of the category.")
        parser.add_argument(
            "--topic", type=int, required=True, help="Id of the topic for questions without one."
        )
        parser.add_argument("--apply", action="store_true", help="Import if it has no problems.")
        parser.add_argument(
            "--encoding",
            choices=[code for code, _name in ENCODINGS],
            help="Read a text file in this encoding instead of detecting it.",
        )

    def handle(self, *args, path, category, topic, apply, encoding=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        if not Category.objects.filter(pk=category).exists():
            raise CommandError(f"No category with id {category}.")
        if not Topic.objects.filter(pk=topic).exists():
            raise CommandError(f"No topic with id {topic}.")
        run = import_run_create(
            kind="questions",
            user=None,
            file_name=file.name,
            data=file.read_bytes(),
            params={"category": category, "topic": topic},
        )
        if encoding:
            run = import_run_repreview(run=run, encoding=encoding)
        self.stdout.write(f"Import {run.pk}; encoding: {run.shown_encoding or '-'}")
        if run.problems:
            for item in run.problems:
                where = f"line {item['line']}" if item["line"] else "file"
                if item["column"]:
                    where += f", column {item['column']}"
                self.stderr.write(f"{file.name}: {where}: {item['message']}")
            raise CommandError(f"{len(run.problems)} problem(s); nothing was imported.")
        for question in run.preview["questions"]:
            self.stdout.write(f"line {question['line']}: {question['type']} {question['name']}")
        self.stdout.write(f"{run.total} question(s) to import.")
        if not apply:
            self.stdout.write("Dry run: nothing changed. Run again with --apply to import.")
            return
        run = import_run_confirm(run=run, background=False)
        if run.status != ImportRun.Status.DONE:
            for item in run.problems:
                self.stderr.write(f"{file.name}: line {item['line']}: {item['message']}")
            raise CommandError(f"{run.reason} Nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{run.result['imported']} question(s) imported."))
