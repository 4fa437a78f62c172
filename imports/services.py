"""Writes of the import pipeline: preview, confirm, apply, fail, clean up.

Progress and the worker's heartbeat go to the cache (Redis in production,
shared files otherwise), never to the run's row: the apply holds that row
locked inside its one transaction, whose writes no other connection sees
before it commits.
"""

import logging
import threading
import time
from pathlib import PurePath

from django.core.cache import cache
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from .conf import heartbeat_every, preview_lifetime, stale_after
from .models import ImportRun
from .registry import ImportProblems, importer_get, problem

logger = logging.getLogger(__name__)

# The encodings a person may choose for a text file (code, name shown).
ENCODINGS = (("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("big5", "Big5"))
PROGRESS_TTL = 24 * 3600


def _progress_key(run_id: int) -> str:
    return f"imports:run:{run_id}:progress"


def progress_write(run_id: int, done: int) -> None:
    """Rows done so far, and the time: the worker's sign of life."""
    cache.set(_progress_key(run_id), {"done": done, "beat": time.time()}, PROGRESS_TTL)


def progress_read(run_id: int) -> dict | None:
    return cache.get(_progress_key(run_id))


def is_text_file(importer, file_name: str) -> bool:
    return PurePath(file_name).suffix.lower() in importer.text_extensions


def import_run_data(run: ImportRun) -> bytes:
    """The uploaded file as the importer reads it: a text file in the encoding
    the person chose is handed over as UTF-8. UnicodeDecodeError if it is not
    valid in that encoding."""
    data = bytes(run.data)
    if run.encoding and is_text_file(importer_get(run.kind), run.file_name):
        return data.decode(run.encoding).encode("utf-8")
    return data


def _preview(run: ImportRun) -> None:
    importer = importer_get(run.kind)
    run.problems, run.preview, run.total, run.detected_encoding = [], {}, 0, ""
    try:
        data = import_run_data(run)
    except (UnicodeDecodeError, LookupError) as exc:
        where = getattr(exc, "start", None)
        run.problems = [
            problem(
                _(
                    "The file is not valid %(encoding)s text (byte %(byte)s); choose another encoding."
                )
                % {"encoding": run.encoding, "byte": where if where is not None else "?"}
            )
        ]
        run.status = ImportRun.Status.REFUSED
        return
    importer.preview(run=run, data=data)
    run.status = ImportRun.Status.REFUSED if run.problems else ImportRun.Status.PREVIEWED


def import_run_create(
    *, kind: str, user, file_name: str, data: bytes, params: dict | None = None
) -> ImportRun:
    """Store an uploaded file and its preview. Changes nothing else."""
    run = ImportRun(
        kind=kind, created_by=user, file_name=file_name[:255], data=data, params=params or {}
    )
    _preview(run)
    run.save()
    return run


def import_run_repreview(*, run: ImportRun, encoding: str) -> ImportRun:
    """Read a previewed file again in another encoding ("" = detect)."""
    if encoding not in {"", *(code for code, _name in ENCODINGS)}:
        raise ValueError(f"Unknown encoding {encoding!r}")
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in (ImportRun.Status.PREVIEWED, ImportRun.Status.REFUSED):
            return run
        importer_get(run.kind).discard(run=run)
        run.encoding = encoding
        _preview(run)
        run.save()
    return run


def _queue(run: ImportRun, *, allowed: set[str], background: bool) -> ImportRun:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in allowed or run.problems:
            return run
        run.status = ImportRun.Status.APPLYING
        run.confirmed_at = timezone.now()
        run.finished_at = None
        run.attempts += 1
        run.done, run.reason, run.result = 0, "", {}
        run.save(
            update_fields=[
                "status",
                "confirmed_at",
                "finished_at",
                "attempts",
                "done",
                "reason",
                "result",
            ]
        )
    cache.delete(_progress_key(run.pk))
    if background:
        async_task(
            "imports.tasks.import_apply", run.pk, task_name=f"import-{run.pk}-{run.attempts}"
        )
    else:
        import_run_apply(run_id=run.pk)
    run.refresh_from_db()
    return run


def import_run_confirm(*, run: ImportRun, background: bool = True) -> ImportRun:
    """The person confirmed the preview: apply it (in the background)."""
    return _queue(run, allowed={ImportRun.Status.PREVIEWED}, background=background)


def import_run_retry(*, run: ImportRun, background: bool = True) -> ImportRun:
    """Apply a failed run again; its failed attempt changed nothing."""
    return _queue(run, allowed={ImportRun.Status.FAILED}, background=background)


class _Heartbeat:
    """Writes the run's progress to the cache on every change (at most twice
    a second) and, from a thread, at least every heartbeat_every() seconds
    while the apply runs, so that a slow step is not taken for a dead worker."""

    def __init__(self, run_id: int):
        self.run_id, self.done, self.written = run_id, 0, 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self):
        progress_write(self.run_id, 0)
        self.written = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=5)

    def _beat(self):
        while not self.stop.wait(heartbeat_every()):
            progress_write(self.run_id, self.done)

    def progress(self, done: int) -> None:
        self.done = done
        if time.monotonic() - self.written >= 0.5:
            progress_write(self.run_id, done)
            self.written = time.monotonic()


def import_run_apply(*, run_id: int) -> ImportRun | None:
    """Apply a confirmed run in one transaction. The status is checked under
    a row lock first, so a task delivered twice, or after the run was done,
    failed or deleted, changes nothing."""
    try:
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
            if run is None or run.status != ImportRun.Status.APPLYING:
                return run
            # Only the worker holding the run beats for it: a second delivery
            # waits for the lock above and then finds the run done.
            with _Heartbeat(run_id) as beat:
                result = importer_get(run.kind).apply(run=run, on_progress=beat.progress)
            run.status = ImportRun.Status.DONE
            run.result = result or {}
            run.done = run.total
            run.finished_at = timezone.now()
            run.data = b""  # applied: the uploaded file is not kept
            run.save(update_fields=["status", "result", "done", "finished_at", "data"])
    except ImportProblems as refused:
        return _fail(
            run_id,
            _("The file no longer fits the data as they are now; nothing was changed."),
            problems=refused.problems,
        )
    except Exception as exc:
        logger.exception("Import %s failed", run_id)
        return _fail(
            run_id,
            _("The import stopped with an error; nothing was changed. (%(error)s)")
            % {"error": f"{type(exc).__name__}: {exc}"[:500]},
        )
    progress_write(run_id, run.total)
    return run


def _fail(run_id: int, reason: str, *, problems: list | None = None) -> ImportRun | None:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != ImportRun.Status.APPLYING:
            return run
        run.status = ImportRun.Status.FAILED
        run.reason = reason
        run.finished_at = timezone.now()
        fields = ["status", "reason", "finished_at"]
        if problems is not None:
            run.problems = problems
            fields.append("problems")
        run.save(update_fields=fields)
    return run


def import_runs_fail_stale() -> int:
    """Fail every run being applied whose worker gave no sign of life for
    stale_after() (killed, or stopped by django-q2's timeout). A run whose
    row is locked is being applied right now and is left alone."""
    limit = stale_after()
    failed = 0
    for run_id in ImportRun.objects.filter(status=ImportRun.Status.APPLYING).values_list(
        "pk", flat=True
    ):
        try:
            with transaction.atomic():
                run = (
                    ImportRun.objects.select_for_update(skip_locked=True)
                    .filter(pk=run_id, status=ImportRun.Status.APPLYING)
                    .first()
                )
                if run is None:
                    continue
                progress = progress_read(run.pk)
                now = timezone.now()
                if progress:
                    quiet = time.time() - progress["beat"]
                    if quiet < limit.total_seconds():
                        continue
                    run.reason = _(
                        "The worker applying this import stopped at %(done)d of %(total)d rows "
                        "(no sign of life for %(seconds)d seconds); nothing was changed. "
                        "Retry it."
                    ) % {"done": progress["done"], "total": run.total, "seconds": quiet}
                else:
                    if run.confirmed_at and now - run.confirmed_at < limit:
                        continue
                    run.reason = _(
                        "No worker started this import within %(seconds)d seconds; nothing "
                        "was changed. Check that the background worker runs, then retry it."
                    ) % {"seconds": limit.total_seconds()}
                run.status = ImportRun.Status.FAILED
                run.finished_at = now
                run.save(update_fields=["status", "reason", "finished_at"])
                failed += 1
        except OperationalError:
            continue  # SQLite: a worker holds the database for its apply, so it lives
    return failed


def import_run_discard(*, run: ImportRun) -> None:
    """Forget a preview that was not applied."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run.pk).first()
        if run is None or run.status not in (ImportRun.Status.PREVIEWED, ImportRun.Status.REFUSED):
            return
        importer_get(run.kind).discard(run=run)
        run.delete()


def import_previews_delete_old() -> int:
    """Delete previews never applied that are older than preview_lifetime()."""
    old = ImportRun.objects.filter(
        status__in=[ImportRun.Status.PREVIEWED, ImportRun.Status.REFUSED],
        created_at__lt=timezone.now() - preview_lifetime(),
    ).defer("data")
    deleted = 0
    for run in old:
        import_run_discard(run=run)
        deleted += 1
    return deleted
