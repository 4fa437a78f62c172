"""The importers apps plug into the pipeline.

An app subclasses Importer and registers one instance, by its `kind`, from its
AppConfig.ready(). The pipeline calls `preview` when a file is uploaded (or
re-read in another encoding) and `apply` in a background task, inside one
transaction, after the person confirmed.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

_importers: dict[str, "Importer"] = {}


class ImportProblems(Exception):
    """The file cannot be applied (found at apply time, when the database
    changed since the preview). `problems` are dicts like ImportRun.problems."""

    def __init__(self, problems: list[dict]):
        super().__init__("; ".join(p["message"] for p in problems[:5]))
        self.problems = problems


def problem(message: str, *, row=None, line=None, column="") -> dict:
    """One located problem as stored on the run."""
    return {"row": row, "line": line, "column": column or "", "message": str(message)}


class Importer:
    kind: str = ""
    label = _("Import")
    # Heading of the column that locates a problem: "Row", or "Line or row".
    where_label = _("Row")
    # URL namespace that holds this kind's pipeline pages (imports.urls.pipeline_urls)
    # and its own "upload" page.
    namespace: str = ""
    # The page frame: "imports/admin_frame.html" in the Wagtail admin,
    # or an app's own site frame.
    base_template: str = "imports/admin_frame.html"
    # What will change, shown under the problems on the preview.
    preview_template: str = ""
    # Whether the person chooses a text encoding (CSV and text files).
    text_extensions: tuple[str, ...] = (".csv", ".txt", ".tsv", ".gift", ".aiken")

    def may_use(self, user) -> bool:
        """Who may upload and see imports of this kind."""
        raise NotImplementedError

    def sees_all(self, user) -> bool:
        """Whether `user` sees everybody's imports of this kind, not only their own."""
        return user.is_superuser

    def may_see(self, user, run) -> bool:
        """A further check on one run (for example its subject)."""
        return True

    def preview(self, *, run, data: bytes) -> None:
        """Read `data` (already re-encoded as UTF-8 when the person chose an
        encoding) and fill run.problems, run.preview, run.total and
        run.detected_encoding. Writes nothing but side records of its own."""
        raise NotImplementedError

    def apply(self, *, run, on_progress: Callable[[int], None]) -> dict:
        """Make the changes (inside the pipeline's transaction) and return a
        summary for the result. Raise ImportProblems when the file no longer
        fits the database."""
        raise NotImplementedError

    def discard(self, *, run) -> None:
        """Delete what `preview` stored beside the run."""

    def column_label(self, column: str) -> str:
        return column

    def preview_context(self, *, run) -> dict:
        return {}

    def result_lines(self, *, run) -> list[str]:
        """The result in words, for the finished run's page."""
        return []

    def result_links(self, *, run, user) -> list[tuple[str, str]]:
        """(label, URL) pairs the finished run's page offers as next steps, only
        to pages that exist and the user may open."""
        return []


def register(importer: Importer) -> Importer:
    if not importer.kind:
        raise ValueError("An importer needs a kind.")
    _importers[importer.kind] = importer
    return importer


def importers_all() -> list[Importer]:
    """Every registered importer, in the order of registration."""
    return list(_importers.values())


def importer_get(kind: str) -> Importer:
    try:
        return _importers[kind]
    except KeyError:
        raise LookupError(f"No importer of kind {kind!r} is registered.") from None


def importers() -> list[Importer]:
    return list(_importers.values())
