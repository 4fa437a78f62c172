"""Rollup runs: recorded, one at a time, failures kept with their reason,
stale runs failed, and an incremental run's cost flat in the people changed."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_q.models import Schedule

from quizzes import tasks
from quizzes.models import PersonTopicDay, RollupRun, UnitTopicDay
from quizzes.selectors.rollups import rollup_last_run, rollup_latest_run
from quizzes.services import rollup_sql
from quizzes.services.rollups import STALE_ERROR, rollup_run, rollup_stale_fail
from tests.factories import PersonFactory

from .rollup_data import answers_of_day, earlier_today, local, make_drill, person_days, take

pytestmark = pytest.mark.django_db

FULL, INCREMENTAL = RollupRun.Kind.FULL, RollupRun.Kind.INCREMENTAL
RUNNING, DONE, FAILED = RollupRun.Status.RUNNING, RollupRun.Status.DONE, RollupRun.Status.FAILED


@pytest.fixture
def drill(org):
    return make_drill()[2]


def test_a_failed_run_keeps_its_reason_and_writes_nothing(org, drill, monkeypatch):
    person = PersonFactory(unit=org["pudong_team"])
    take(drill, person, now=earlier_today(5))

    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(rollup_sql, "unit_days_write", broken)
        failed = rollup_run(kind=FULL)
    assert failed.status == FAILED and failed.finished_at is not None
    assert failed.error == "RuntimeError: the disk is full"
    assert not PersonTopicDay.objects.exists()  # rolled back with the run's work
    assert rollup_last_run() is None and rollup_latest_run() == failed

    later = rollup_run(kind=FULL)
    assert later.status == DONE
    assert rollup_last_run() == later
    assert PersonTopicDay.objects.exists() and UnitTopicDay.objects.exists()


def test_the_task_raises_on_failure_so_the_cluster_lists_it(org, drill, monkeypatch):
    monkeypatch.setattr(rollup_sql, "snapshots_write", lambda **kw: 1 / 0)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        tasks.take_mastery_snapshots()
    assert RollupRun.objects.get().status == FAILED


def test_one_run_at_a_time(org):
    now = timezone.now()
    busy = RollupRun.objects.create(kind=FULL, day=timezone.localdate(now), started_at=now)
    assert rollup_run(kind=INCREMENTAL, now=now + timedelta(seconds=30)) is None
    assert tasks.rollup_incremental() == "skipped: another rollup is running"
    assert list(RollupRun.objects.all()) == [busy]


def test_a_stale_run_is_failed_by_the_check_and_the_next_one_proceeds(org, settings):
    settings.QUIZZES_ROLLUP_STALE_SECONDS = 600
    now = timezone.now()
    dead = RollupRun.objects.create(
        kind=FULL, day=timezone.localdate(now), started_at=now - timedelta(minutes=11)
    )
    young = now - timedelta(minutes=9)
    assert rollup_stale_fail(now=young + timedelta(minutes=10)) == 1
    dead.refresh_from_db()
    assert dead.status == FAILED and dead.error == STALE_ERROR and dead.finished_at

    RollupRun.objects.filter(pk=dead.pk).update(status=RUNNING, error="")
    run = rollup_run(kind=INCREMENTAL, now=now)  # checks first, so it is not held back
    dead.refresh_from_db()
    assert dead.status == FAILED and run.status == DONE


def test_a_young_running_run_is_left_alone(org):
    now = timezone.now()
    RollupRun.objects.create(kind=FULL, day=timezone.localdate(now), started_at=now)
    assert rollup_stale_fail(now=now + timedelta(minutes=1)) == 0
    assert tasks.fail_stale_rollups() == 0


def _incremental_queries(org, drill, count: int, day) -> int:
    rollup_run(kind=FULL, now=local(day, 8))
    people = [
        PersonFactory(unit=org["pudong_team" if i % 2 else "puxi_team"]) for i in range(count)
    ]
    for person in people:
        take(drill, person, now=local(day, 9))
    with CaptureQueriesContext(connection) as queries:
        run = rollup_run(kind=INCREMENTAL, now=local(day, 10))
    assert run.status == DONE and run.people == count
    assert person_days(day) == answers_of_day(day)
    return len(queries)


def test_an_incremental_runs_queries_do_not_grow_with_the_people_changed(org, drill):
    day = timezone.localdate() - timedelta(days=2)
    few = _incremental_queries(org, drill, 2, day)
    many = _incremental_queries(org, drill, 12, day + timedelta(days=1))
    assert few == many <= 32  # with the temporary tables of the changed people


def test_the_command_runs_and_reports(org, drill, capsys):
    person = PersonFactory(unit=org["pudong_team"])
    take(drill, person, now=earlier_today(5))
    call_command("rollup", "--full")
    assert "1 people" in capsys.readouterr().out
    call_command("rollup")
    assert RollupRun.objects.filter(kind=INCREMENTAL, status=DONE).count() == 1
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call_command("rollup", "--full", "--day", yesterday)
    assert RollupRun.objects.filter(day=yesterday, kind=FULL, answers_until=None).exists()
    with pytest.raises(CommandError, match="needs --full"):
        call_command("rollup", "--day", yesterday)
    with pytest.raises(CommandError, match="--day"):
        call_command("rollup", "--full", "--day", "31.12.2026")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="not come"):
        call_command("rollup", "--full", "--day", tomorrow)


def test_the_schedules_run_the_rollups(settings):
    call_command("sync_schedules")
    schedules = {s.name: s for s in Schedule.objects.all()}
    nightly = schedules["quizzes.take_mastery_snapshots"]
    assert nightly.func == "quizzes.tasks.take_mastery_snapshots" and nightly.cron == "50 23 * * *"
    incremental = schedules["quizzes.rollup_incremental"]
    assert incremental.func == "quizzes.tasks.rollup_incremental" and incremental.minutes == 15
    assert schedules["quizzes.fail_stale_rollups"].func == "quizzes.tasks.fail_stale_rollups"


def test_the_admin_dashboard_says_when_the_figures_were_computed(org, client, monkeypatch):
    from django.urls import reverse

    from people.roles import Role

    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    client.force_login(admin.user)
    home = reverse("wagtailadmin_home")
    page = client.get(home)
    assert page.status_code == 200 and b'data-rollup-last=""' in page.content

    done = rollup_run(kind=FULL)
    monkeypatch.setattr(rollup_sql, "snapshots_write", lambda **kw: 1 / 0)
    failed = rollup_run(kind=INCREMENTAL)
    page = client.get(home).content.decode()
    assert f'data-rollup-last="{timezone.localtime(done.finished_at).isoformat()}"' in page
    assert f'data-rollup-failed="{failed.pk}"' in page and "ZeroDivisionError" in page

    client.force_login(trainer.user)
    page = client.get(home)
    assert page.status_code == 200 and b"data-rollup-last" not in page.content
