import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django_q.models import Schedule, Success
from django_q.tasks import async_task, result

from background.checks import check_retry_longer_than_timeout
from background.services import schedule_ensure


@pytest.mark.parametrize(
    ("conf", "error_id"),
    [
        ({"timeout": 300, "retry": 360}, None),
        ({"timeout": 300, "retry": 300}, "background.E002"),
        ({"timeout": 300, "retry": 60}, "background.E002"),
        ({"retry": 60}, "background.E001"),
    ],
)
def test_retry_must_be_longer_than_timeout(settings, conf, error_id):
    settings.Q_CLUSTER = conf
    errors = check_retry_longer_than_timeout(None)
    assert [e.id for e in errors] == ([error_id] if error_id else [])


def test_misconfiguration_stops_management_commands(settings):
    settings.Q_CLUSTER = {"timeout": 600, "retry": 60}
    with pytest.raises(SystemCheckError, match="background.E002"):
        call_command("check")


@pytest.mark.django_db
def test_schedules_are_created_by_name_once():
    for _ in range(2):
        schedule_ensure(name="nightly", func="background.tasks.heartbeat", minutes=5)
    assert Schedule.objects.filter(name="nightly").count() == 1
    schedule_ensure(name="nightly", func="background.tasks.heartbeat", minutes=10)
    assert Schedule.objects.get(name="nightly").minutes == 10


@pytest.mark.django_db
def test_sync_schedules_is_idempotent():
    call_command("sync_schedules", stdout=io.StringIO())
    call_command("sync_schedules", stdout=io.StringIO())
    assert Schedule.objects.filter(name="background.heartbeat").count() == 1


@pytest.mark.django_db
def test_tasks_run_inline_in_tests():
    task_id = async_task("background.tasks.heartbeat")
    assert result(task_id) is not None
    assert Success.objects.filter(id=task_id).exists()


@pytest.mark.django_db
def test_status_command_reports_no_cluster():
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("background_status", "--json", stdout=out)
    assert exit_info.value.code == 1
    status = json.loads(out.getvalue())
    assert status["alive"] is False
    assert status["clusters"] == []


@pytest.mark.django_db
def test_status_sees_the_heartbeat():
    from background.selectors import cluster_status_get
    from background.tasks import heartbeat

    heartbeat()
    assert cluster_status_get().processing is True
