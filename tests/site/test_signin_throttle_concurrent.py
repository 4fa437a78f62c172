"""Guesses sent at the same moment are held to the limit too: the count of
failures and the password check are one step per account and per address
(hostsite.signin.SignInGateBackend), on every process, so a burst of
simultaneous wrong passwords gets at most AXES_FAILURE_LIMIT of them checked.
Also: the daily clean-up of sign-in records."""

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client
from django.utils import timezone

from hostsite.models import SignInCheck, SignInGate
from hostsite.schedules import SCHEDULES
from hostsite.tasks import delete_old_signin_records

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "right-password-123"
LIMIT = settings.AXES_FAILURE_LIMIT
BURST = 30

CHECK_PASSWORD = ModelBackend.authenticate  # the real one, before it is wrapped

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database answers concurrent "
    "writers with 'database table is locked', so requests in threads cannot race",
)


class PasswordChecks:
    """Counts the passwords actually checked, each made slow so that concurrent
    requests overlap while it runs."""

    def __init__(self):
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, backend, request, username=None, password=None, **kwargs):
        with self._lock:
            self.count += 1
        time.sleep(0.05)
        return CHECK_PASSWORD(backend, request, username, password, **kwargs)


def burst(path, requests):
    """Send every (username, address) at once from its own thread; the statuses
    and Retry-After headers of the answers."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def send(index, username, address):
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post(
                path, {"username": username, "password": "wrong"}, REMOTE_ADDR=address
            )
            answers[index] = (response.status_code, response.get("Retry-After"))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, username, address))
        for index, (username, address) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def assert_answers(answers, checked):
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert all(answer is not None for answer in answers)
    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 429}
    # A refused request gets the pause page; a checked one the form again, unless
    # the failures recorded by the time it ends reach the limit: then the pause page.
    assert 1 <= statuses.count(200) <= min(checked, LIMIT - 1)
    assert statuses.count(429) >= len(answers) - checked
    assert all(header == retry_after for status, header in answers if status == 429)


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_a_burst_at_one_account_from_many_addresses_gets_at_most_the_limit_checked(
    django_user_model, path
):
    django_user_model.objects.create_superuser("victim", password=PASSWORD)
    checks = PasswordChecks()
    with mock.patch.object(ModelBackend, "authenticate", autospec=True, side_effect=checks):
        answers = burst(path, [("victim", f"10.2.0.{number}") for number in range(BURST)])
    # Every admitted check fails, so exactly the limit is checked, never more.
    assert checks.count == LIMIT
    assert_answers(answers, checks.count)
    # Every checked password is a recorded failure, and nothing is left running.
    failures = AccessAttempt.objects.filter(username="victim")
    assert sum(failures.values_list("failures_since_start", flat=True)) == checks.count
    assert not SignInCheck.objects.exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_burst_from_one_address_at_many_accounts_gets_at_most_the_limit_checked(
    django_user_model,
):
    for number in range(BURST):
        django_user_model.objects.create_user(f"p{number}", password=PASSWORD)
    checks = PasswordChecks()
    with mock.patch.object(ModelBackend, "authenticate", autospec=True, side_effect=checks):
        answers = burst(SITE_LOGIN, [(f"p{number}", "10.0.0.66") for number in range(BURST)])
    assert checks.count == LIMIT
    assert_answers(answers, checks.count)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_after_a_burst_the_account_is_paused_and_the_right_password_is_not_checked(
    django_user_model,
):
    django_user_model.objects.create_user("victim", password=PASSWORD)
    checks = PasswordChecks()
    with mock.patch.object(ModelBackend, "authenticate", autospec=True, side_effect=checks):
        burst(SITE_LOGIN, [("victim", f"10.2.0.{number}") for number in range(BURST)])
        checked = checks.count
        response = Client().post(
            SITE_LOGIN, {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
        )
    assert checked == LIMIT
    assert response.status_code == 429
    assert checks.count == checked  # the right password was not checked


# --- Serial behaviour of the gate (every database) ------------------------------------


@pytest.mark.django_db
def test_a_check_left_running_by_a_dead_request_counts_until_its_timeout(client, django_user_model):
    django_user_model.objects.create_user("victim", password=PASSWORD)
    for _ in range(LIMIT - 1):
        client.post(SITE_LOGIN, {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.5")
    SignInGate.objects.get_or_create(key="username=victim")
    check = SignInCheck.objects.create(key="username=victim", started_at=timezone.now())
    # Nine failures and one check running: a tenth password is not checked.
    response = client.post(
        SITE_LOGIN, {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.6"
    )
    assert response.status_code == 429
    check.started_at -= settings.SIGNIN_CHECK_TIMEOUT + timedelta(seconds=1)
    check.save()
    response = client.post(
        SITE_LOGIN, {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.6"
    )
    assert response.status_code == 302
    assert not SignInCheck.objects.exclude(pk=check.pk).exists()


@pytest.mark.django_db
def test_the_checks_of_a_request_end_when_it_fails_or_succeeds(client, django_user_model):
    django_user_model.objects.create_user("victim", password=PASSWORD)
    client.post(SITE_LOGIN, {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.5")
    assert SignInGate.objects.filter(key="username=victim").exists()
    assert not SignInCheck.objects.exists()
    response = client.post(
        SITE_LOGIN, {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 302
    assert not SignInCheck.objects.exists()


# --- Clean-up of sign-in records ---------------------------------------------------------


def test_the_clean_up_is_a_daily_schedule_of_the_task():
    assert SCHEDULES == [
        {
            "name": "hostsite.delete_old_signin_records",
            "func": "hostsite.tasks.delete_old_signin_records",
            "schedule_type": "C",
            "cron": "20 3 * * *",
        }
    ]
    assert settings.SIGNIN_RECORDS_KEPT_DAYS == 30


@pytest.mark.django_db
def test_sync_schedules_creates_the_clean_up_by_name():
    from django.core.management import call_command
    from django_q.models import Schedule

    call_command("sync_schedules")
    call_command("sync_schedules")
    schedule = Schedule.objects.get(name="hostsite.delete_old_signin_records")
    assert schedule.func == "hostsite.tasks.delete_old_signin_records"


def _records(age, name):
    when = timezone.now() - age
    common = {"user_agent": "test", "ip_address": "10.0.0.5", "username": name}
    log = AccessLog.objects.create(**common, http_accept="*/*", path_info="/")
    failure_log = AccessFailureLog.objects.create(
        **common, http_accept="*/*", path_info="/", locked_out=False
    )
    attempt = AccessAttempt.objects.create(
        **common,
        http_accept="*/*",
        path_info="/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    for model, record in (
        (AccessLog, log),
        (AccessFailureLog, failure_log),
        (AccessAttempt, attempt),
    ):
        model.objects.filter(pk=record.pk).update(attempt_time=when)


@pytest.mark.django_db
@pytest.mark.parametrize("kept_days", [30, 7])
def test_the_clean_up_deletes_records_older_than_the_setting_and_keeps_the_rest(
    settings, kept_days
):
    settings.SIGNIN_RECORDS_KEPT_DAYS = kept_days
    _records(timedelta(days=kept_days, hours=1), "old")
    _records(timedelta(days=kept_days) - timedelta(hours=1), "recent")
    SignInGate.objects.create(key="username=old")
    SignInCheck.objects.create(
        key="username=dead", started_at=timezone.now() - timedelta(minutes=5)
    )
    SignInGate.objects.create(key="username=running")
    SignInCheck.objects.create(key="username=running", started_at=timezone.now())

    deleted = delete_old_signin_records()

    assert deleted == {"access_logs": 1, "failure_logs": 1, "attempts": 1, "checks": 1}
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"]
    assert list(SignInCheck.objects.values_list("key", flat=True)) == ["username=running"]
    assert list(SignInGate.objects.values_list("key", flat=True)) == ["username=running"]
