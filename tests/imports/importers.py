"""Importers used by the pipeline's tests: each line of a text file is a row;
applying one makes a Django group named after it (a write that is easy to
count). "bad" lines are problems; the slow one sleeps per row, so that a
worker can be killed in the middle of an apply."""

import time

from django.contrib.auth.models import Group

from imports.registry import Importer, ImportProblems, problem


class LinesImporter(Importer):
    kind = "tests-lines"
    label = "Lines"
    namespace = ""
    seconds_per_row = 0.0

    def may_use(self, user) -> bool:
        return True

    def preview(self, *, run, data: bytes) -> None:
        lines = data.decode("utf-8", errors="replace").splitlines()
        run.detected_encoding = "utf-8"
        run.total = len(lines)
        run.problems = [
            problem("A bad line.", line=number, column="text")
            for number, text in enumerate(lines, start=1)
            if text == "bad"
        ]
        run.preview = {"lines": lines}

    def apply(self, *, run, on_progress) -> dict:
        lines = run.preview["lines"]
        if Group.objects.filter(name__in=lines).exists():
            raise ImportProblems([problem("Already there.", line=1, column="text")])
        for done, line in enumerate(lines, start=1):
            if line == "explode":
                raise RuntimeError("the disk is on fire")
            Group.objects.create(name=line)
            if self.seconds_per_row:
                time.sleep(self.seconds_per_row)
            on_progress(done)
        return {"groups": len(lines)}


class SlowLinesImporter(LinesImporter):
    kind = "tests-slow-lines"
    seconds_per_row = 0.05
