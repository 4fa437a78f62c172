"""A django-q2 worker killed in the middle of an import (kill -9, as an
out-of-memory kill or a crashed host would) leaves the import failed with its
reason, not "applying" for ever, and the import can be retried.

This starts a real cluster (`manage.py qcluster`) against the Redis broker and
the test's own database, so it needs Redis and a database a second process can
open (PostgreSQL, as in CI).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation
from django_q.tasks import async_task

import imports.services
from imports.models import ImportRun
from imports.services import (
    import_run_confirm,
    import_run_create,
    import_run_retry,
    import_runs_fail_stale,
    progress_read,
)

ROOT = Path(__file__).resolve().parents[2]
ROWS = 100  # the slow test importer takes 0.05 s a row

pytestmark = [
    # serialized_rollback: its flush must not make new content types (with new ids)
    # for the serialized-rollback tests after it to collide with.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("lines_importers"),
    pytest.mark.skipif(
        not getattr(django_settings, "REDIS_URL", None),
        reason="Redis is not configured (REDIS_URL): this test kills a real django-q2 "
        "worker fed by the Redis broker. CI runs it on PostgreSQL + Redis.",
    ),
]


@pytest.fixture(autouse=True)
def _english():
    """The reason is checked in English; the default language is Traditional Chinese,
    whose catalog translates it."""
    with translation.override("en"):
        yield


def start_cluster(tmp_path: Path, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.imports.worker_settings",
        "LIANBING_TEST_DB_NAME": str(connection.settings_dict["NAME"]),
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT), str(ROOT / "site"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "site" / "manage.py"), "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the sentinel and its workers
    )


def kill(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Signal the cluster's process group; after a graceful stop that takes
    too long, kill it."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def wait_for(check, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {what}. Cluster log:\n{log.read_text()[-3000:]}")


def test_a_killed_worker_fails_the_import_with_its_reason_and_a_retry_applies_it(
    tmp_path, monkeypatch, settings
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "The test database is SQLite in memory, which a worker process cannot open; "
            "run with DATABASE_URL (PostgreSQL), as CI does."
        )
    # Hand tasks to the Redis broker, as production does, instead of running them inline.
    monkeypatch.setattr(
        imports.services,
        "async_task",
        lambda *args, **kwargs: async_task(*args, sync=False, **kwargs),
    )
    names = [f"killed-worker-{i:03d}" for i in range(ROWS)]
    run = import_run_create(
        kind="tests-slow-lines", user=None, file_name="lines.txt", data="\n".join(names).encode()
    )
    assert run.status == ImportRun.Status.PREVIEWED and run.total == ROWS

    cluster = start_cluster(tmp_path, "first")
    try:
        run = import_run_confirm(run=run)
        assert run.status == ImportRun.Status.APPLYING
        progress = wait_for(
            lambda: (p := progress_read(run.pk)) and p["done"] >= 10 and p,
            90,
            "the worker to apply ten rows",
            tmp_path / "first.log",
        )
        assert progress["done"] < ROWS, "the import ended before the worker could be killed"
        kill(cluster)  # kill -9 the cluster: sentinel, worker and all
    finally:
        kill(cluster)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLYING  # nobody has noticed yet
    # The recurring check fails it once the heartbeat is older than the limit.
    settings.IMPORTS_STALE_AFTER = 1
    time.sleep(1.2)
    wait_for(import_runs_fail_stale, 20, "the stale check to fail the run", tmp_path / "first.log")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    stopped_at = progress_read(run.pk)["done"]
    assert 10 <= stopped_at < ROWS
    assert f"stopped at {stopped_at} of {ROWS} rows" in run.reason
    assert "nothing was changed" in run.reason
    assert not Group.objects.filter(name__in=names).exists(), "the killed apply is rolled back"

    # Retried, a new worker applies it whole.
    settings.IMPORTS_STALE_AFTER = 300
    cluster = start_cluster(tmp_path, "second")
    try:
        run = import_run_retry(run=run)
        assert run.status == ImportRun.Status.APPLYING and run.attempts == 2
        wait_for(
            lambda: ImportRun.objects.get(pk=run.pk).status != ImportRun.Status.APPLYING,
            90,
            "the retry to finish",
            tmp_path / "second.log",
        )
    finally:
        kill(cluster, signal.SIGTERM)
        kill(cluster)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.reason
    assert Group.objects.filter(name__in=names).count() == ROWS
