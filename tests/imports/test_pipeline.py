"""The import pipeline itself: statuses, idempotent apply, failures with their
reason, the check for dead workers, the clean-up of old previews, encodings."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_q.models import Schedule

from imports.models import ImportRun
from imports.selectors import import_run_progress
from imports.services import (
    import_previews_delete_old,
    import_run_apply,
    import_run_confirm,
    import_run_create,
    import_run_repreview,
    import_run_retry,
    import_runs_fail_stale,
    progress_write,
)
from people.roles import Role
from tests.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lines_importers")]

LINES = b"alpha\nbeta\ngamma\n"


@pytest.fixture(autouse=True)
def _english():
    """The reasons and problems below are checked in English; the default language is
    Traditional Chinese, whose catalog translates them."""
    with translation.override("en"):
        yield


def create(data=LINES, kind="tests-lines", user=None, name="lines.txt"):
    return import_run_create(kind=kind, user=user, file_name=name, data=data)


def test_preview_writes_nothing_but_the_run_and_lists_located_problems():
    run = create(b"alpha\nbad\ngamma\nbad\n")
    assert run.status == ImportRun.Status.REFUSED
    assert [(p["line"], p["column"]) for p in run.problems] == [(2, "text"), (4, "text")]
    assert not run.can_confirm
    assert Group.objects.filter(name="alpha").count() == 0
    # A refused file cannot be confirmed.
    assert import_run_confirm(run=run).status == ImportRun.Status.REFUSED
    assert Group.objects.filter(name="alpha").count() == 0


def test_confirm_applies_once_and_a_second_delivery_changes_nothing():
    run = create()
    assert run.status == ImportRun.Status.PREVIEWED and run.total == 3
    assert Group.objects.filter(name__in=["alpha", "beta", "gamma"]).count() == 0
    run = import_run_confirm(run=run)  # tests run django-q2 tasks inline
    assert run.status == ImportRun.Status.DONE
    assert run.result == {"groups": 3} and run.done == 3 and bytes(run.data) == b""
    assert Group.objects.filter(name__in=["alpha", "beta", "gamma"]).count() == 3
    # The same task delivered again (django-q2 retries, a double click) sees DONE.
    assert import_run_apply(run_id=run.pk).status == ImportRun.Status.DONE
    assert import_run_confirm(run=run).status == ImportRun.Status.DONE
    assert Group.objects.filter(name__in=["alpha", "beta", "gamma"]).count() == 3


def test_an_error_while_applying_fails_with_its_reason_and_rolls_everything_back():
    run = import_run_confirm(run=create(b"alpha\nexplode\n"))
    assert run.status == ImportRun.Status.FAILED
    assert "the disk is on fire" in run.reason and "nothing was changed" in run.reason
    assert run.finished_at is not None
    assert not Group.objects.filter(name="alpha").exists()
    assert run.can_retry


def test_problems_found_at_apply_time_are_stored_located():
    run = create()
    Group.objects.create(name="beta")
    run = import_run_confirm(run=run)
    assert run.status == ImportRun.Status.FAILED
    assert run.problems == [{"row": None, "line": 1, "column": "text", "message": "Already there."}]
    assert not Group.objects.filter(name="alpha").exists()


def test_a_run_whose_worker_is_silent_is_failed_and_can_be_retried(settings):
    settings.IMPORTS_STALE_AFTER = 60
    run = create()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.APPLYING, confirmed_at=timezone.now() - timedelta(minutes=5)
    )
    # A worker that beat just now is alive.
    progress_write(run.pk, 2)
    assert import_runs_fail_stale() == 0
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.APPLYING
    # Its last beat 61 seconds ago: dead.
    from django.core.cache import cache

    cache.set(f"imports:run:{run.pk}:progress", {"done": 2, "beat": time.time() - 61})
    assert import_runs_fail_stale() == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "stopped at 2 of 3 rows" in run.reason
    run = import_run_retry(run=run)
    assert run.status == ImportRun.Status.DONE and run.attempts == 1
    assert Group.objects.filter(name__in=["alpha", "beta", "gamma"]).count() == 3


def test_a_run_no_worker_picked_up_is_failed_after_the_limit(settings):
    settings.IMPORTS_STALE_AFTER = 60
    run = create()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.APPLYING, confirmed_at=timezone.now() - timedelta(seconds=30)
    )
    assert import_runs_fail_stale() == 0
    ImportRun.objects.filter(pk=run.pk).update(confirmed_at=timezone.now() - timedelta(seconds=61))
    assert import_runs_fail_stale() == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "No worker started" in run.reason
    # The late task, when a worker finally takes it, leaves the failed run alone.
    assert import_run_apply(run_id=run.pk).status == ImportRun.Status.FAILED
    assert not Group.objects.filter(name="alpha").exists()


def test_the_stale_limit_follows_the_django_q_timeout(settings):
    from imports.conf import stale_after

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 123}
    assert stale_after() == timedelta(seconds=123)


def test_previews_older_than_a_day_are_deleted_and_applied_runs_kept():
    old, fresh, applied = create(), create(), import_run_confirm(run=create(b"delta\n"))
    a_day_ago = timezone.now() - timedelta(days=1, minutes=1)
    ImportRun.objects.filter(pk__in=[old.pk, applied.pk]).update(created_at=a_day_ago)
    assert import_previews_delete_old() == 1
    assert set(ImportRun.objects.values_list("pk", flat=True)) == {fresh.pk, applied.pk}


def test_schedules_are_declared_by_name():
    call_command("sync_schedules")
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"imports.fail_stale", "imports.delete_old_previews"} <= names
    call_command("sync_schedules")
    assert Schedule.objects.filter(name="imports.fail_stale").count() == 1


def test_another_encoding_is_read_again():
    big5 = "甲\n乙\n".encode("big5")
    run = create(big5)  # the test importer decodes UTF-8 only
    run = import_run_repreview(run=run, encoding="big5")
    assert run.status == ImportRun.Status.PREVIEWED and run.encoding == "big5"
    assert run.preview["lines"] == ["甲", "乙"]
    run = import_run_repreview(run=run, encoding="utf-8")
    assert run.status == ImportRun.Status.REFUSED
    assert "not valid utf-8" in run.problems[0]["message"]


def test_progress_reads_the_cache_while_applying_and_writes_nothing():
    run = create()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.APPLYING)
    run.refresh_from_db()
    progress_write(run.pk, 2)
    with CaptureQueriesContext(connection) as queries:
        progress = import_run_progress(run)
    assert len(queries) == 0
    assert (progress["done"], progress["total"], progress["percent"]) == (2, 3, 66)


class TestRosterPages:
    """The pipeline's pages, as mounted for the roster in the admin."""

    ROSTER = "employee_id,name,unit\nE1,王小明,總行\n".encode()

    @pytest.fixture
    def administrator(self, org):
        return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])

    def upload(self, client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            reverse("people_roster:upload"),
            {"file": SimpleUploadedFile("roster.csv", self.ROSTER)},
        )
        assert response.status_code == 302
        return ImportRun.objects.latest("pk")

    def test_every_role_but_administrators_is_refused_everywhere(
        self, client, administrator, trainee, manager, org
    ):
        client.force_login(administrator.user)
        run = self.upload(client)
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
        urls = [
            reverse("people_roster:upload"),
            reverse("people_roster:list"),
            reverse("people_roster:detail", args=[run.pk]),
            reverse("people_roster:status", args=[run.pk]),
        ]
        posts = ["confirm", "retry", "discard", "encoding"]
        for person in (trainee, manager, trainer, expert):
            client.force_login(person.user)
            for url in urls:
                assert client.get(url).status_code in (302, 403), (person, url)
            for name in posts:
                url = reverse(f"people_roster:{name}", args=[run.pk])
                assert client.post(url).status_code in (302, 403), (person, url)
        run.refresh_from_db()
        assert run.status == ImportRun.Status.PREVIEWED
        client.logout()
        assert client.get(urls[3]).status_code == 302  # to the sign-in page

    def test_administrators_see_each_others_roster_imports(self, client, administrator, org):
        client.force_login(administrator.user)
        run = self.upload(client)
        other = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
        client.force_login(other.user)
        assert client.get(reverse("people_roster:detail", args=[run.pk])).status_code == 200
        assert "roster.csv" in client.get(reverse("people_roster:list")).content.decode()

    def test_status_endpoint_and_pages_write_nothing(
        self, client, administrator, django_assert_max_num_queries
    ):
        client.force_login(administrator.user)
        run = self.upload(client)
        for url in (
            reverse("people_roster:status", args=[run.pk]),
            reverse("people_roster:detail", args=[run.pk]),
            reverse("people_roster:list"),
        ):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            writes = [
                q["sql"]
                for q in queries
                if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                and "django_session" not in q["sql"]
            ]
            assert writes == [], url
        status = client.get(reverse("people_roster:status", args=[run.pk])).json()
        assert status["status"] == "previewed" and status["total"] == 1

    def test_progress_page_has_a_bar_and_no_inline_script(self, client, administrator):
        client.force_login(administrator.user)
        run = self.upload(client)
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.APPLYING)
        html = client.get(reverse("people_roster:detail", args=[run.pk])).content.decode()
        assert "<progress" in html and "data-import-bar" in html
        assert 'src="/static/imports/progress.js"' in html
        status_url = reverse("people_roster:status", args=[run.pk])
        assert f'data-import-status-url="{status_url}"' in html

        inline = [
            s for s in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if s[1].strip()
        ]
        assert [attrs for attrs, body in inline if "application/json" not in attrs] == []


def test_a_person_sees_only_their_own_imports(db, lines_importers):
    from imports.selectors import import_run_for, import_runs_for

    author, other = UserFactory(), UserFactory()
    run = create(user=author)
    assert import_run_for(author, "tests-lines", run.pk) == run
    assert import_run_for(other, "tests-lines", run.pk) is None
    assert list(import_runs_for(other, "tests-lines")) == []
    other.is_superuser = True
    assert import_run_for(other, "tests-lines", run.pk) == run


def test_a_second_delivery_does_not_beat_for_a_run_it_does_not_apply():
    from imports.services import progress_read

    run = create()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED)
    progress_write(run.pk, 2)
    beat = progress_read(run.pk)
    assert import_run_apply(run_id=run.pk).status == ImportRun.Status.FAILED
    assert progress_read(run.pk) == beat
    assert not Group.objects.filter(name="alpha").exists()
