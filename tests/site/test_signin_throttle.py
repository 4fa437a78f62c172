"""Failed sign-ins are throttled per account and per address (django-axes), on
the site's login and the admin's: at most 100 checked wrong passwords per account
per hour (OWASP ASVS 2.2.1), and nobody can keep another person out for long."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.test import override_settings
from django.utils import timezone, translation

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "right-password-123"
LIMIT = settings.AXES_FAILURE_LIMIT
COOL_OFF = settings.AXES_COOLOFF_TIME

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(django_user_model):
    return django_user_model.objects.create_user("victim", password=PASSWORD)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("boss", password=PASSWORD)


def sign_in(client, username, password, address, path=SITE_LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, address, times, path=SITE_LOGIN):
    return [sign_in(client, username, "wrong", address, path).status_code for _ in range(times)]


def signed_in(client):
    return "_auth_user_id" in client.session


def pass_time(delta):
    """Move every recorded failure back in time: the clock moves on by delta."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


def test_the_settings_keep_within_asvs():
    """10 per 6 minutes: at most 100 per hour, and a pause of minutes, not hours."""
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert LIMIT * (timedelta(hours=1) / COOL_OFF) <= 100
    assert COOL_OFF <= timedelta(minutes=15)
    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False


@pytest.mark.parametrize("path", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_login_pauses_after_the_limit_and_the_right_password_is_not_checked(
    client, victim, staff, path
):
    user = staff if path == ADMIN_LOGIN else victim
    statuses = fail(client, user.username, "10.0.0.66", LIMIT, path)
    assert statuses == [200] * (LIMIT - 1) + [429]
    response = sign_in(client, user.username, PASSWORD, "10.0.0.66", path)
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("path", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_one_failure_fewer_than_the_limit_does_not_pause(client, victim, staff, path):
    user = staff if path == ADMIN_LOGIN else victim
    assert fail(client, user.username, "10.0.0.66", LIMIT - 1, path) == [200] * (LIMIT - 1)
    assert sign_in(client, user.username, PASSWORD, "10.0.0.66", path).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("path", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_the_pause_ends_after_the_cool_off(client, victim, staff, path):
    user = staff if path == ADMIN_LOGIN else victim
    fail(client, user.username, "10.0.0.66", LIMIT, path)
    pass_time(COOL_OFF - timedelta(seconds=5))
    assert sign_in(client, user.username, PASSWORD, "10.0.0.66", path).status_code == 429
    pass_time(timedelta(seconds=6))
    assert sign_in(client, user.username, PASSWORD, "10.0.0.66", path).status_code == 302
    assert signed_in(client)


def test_attempts_during_the_pause_do_not_extend_it(client, victim):
    fail(client, "victim", "10.0.0.66", LIMIT)
    for _ in range(5):
        pass_time(timedelta(minutes=1))
        assert fail(client, "victim", "10.0.0.66", 3) == [429] * 3
    pass_time(COOL_OFF - timedelta(minutes=5) + timedelta(seconds=1))
    assert sign_in(client, "victim", PASSWORD, "10.0.0.66").status_code == 302


def test_someone_at_another_address_keeps_a_person_out_only_for_the_cool_off(client, victim):
    fail(client, "victim", "10.0.0.66", LIMIT)
    # The account counts on its own, so its owner waits too, but only the cool-off.
    assert sign_in(client, "victim", PASSWORD, "10.0.0.7").status_code == 429
    pass_time(COOL_OFF + timedelta(seconds=1))
    assert sign_in(client, "victim", PASSWORD, "10.0.0.7").status_code == 302
    assert signed_in(client)


def test_an_address_that_guesses_at_many_accounts_is_paused_and_others_are_not(
    client, django_user_model, victim
):
    for number in range(LIMIT):
        django_user_model.objects.create_user(f"p{number}", password=PASSWORD)
    statuses = [
        sign_in(client, f"p{number}", "wrong", "10.0.0.66").status_code for number in range(LIMIT)
    ]
    assert statuses == [200] * (LIMIT - 1) + [429]
    # The paused address cannot try a further account ...
    assert sign_in(client, "victim", PASSWORD, "10.0.0.66").status_code == 429
    # ... while the people it guessed at sign in from their own addresses.
    assert sign_in(client, "p0", PASSWORD, "10.0.0.7").status_code == 302


def test_a_success_does_not_reset_the_counts(client, django_user_model, victim):
    """Otherwise signing in to one's own account would wipe the guesses just made
    from the same address at someone else's."""
    django_user_model.objects.create_user("attacker", password=PASSWORD)
    assert fail(client, "victim", "10.0.0.66", LIMIT - 1) == [200] * (LIMIT - 1)
    assert sign_in(client, "attacker", PASSWORD, "10.0.0.66").status_code == 302
    client.logout()
    assert fail(client, "victim", "10.0.0.66", 1) == [429]


def test_at_most_100_wrong_passwords_per_account_per_hour_from_many_addresses(client, victim):
    """The fastest attack: guess at once whenever allowed, from a fresh address each
    time, else wait a minute. The passwords actually checked are counted."""
    with mock.patch.object(
        ModelBackend, "authenticate", autospec=True, side_effect=ModelBackend.authenticate
    ) as password_checks:
        elapsed = timedelta()
        for guess in range(400):  # bounded: without a throttle every guess is checked
            if elapsed >= timedelta(hours=1):
                break
            response = sign_in(client, "victim", "wrong", f"10.1.{guess // 250}.{guess % 250}")
            assert response.status_code in (200, 429)
            if response.status_code == 429:
                pass_time(timedelta(minutes=1))
                elapsed += timedelta(minutes=1)
    assert 90 <= password_checks.call_count <= 100


def test_the_pause_page_says_when_to_try_again(client, victim):
    with translation.override("en"):
        fail(client, "victim", "10.0.0.66", LIMIT - 1)
        response = client.post(
            SITE_LOGIN,
            {"username": "victim", "password": "wrong"},
            REMOTE_ADDR="10.0.0.66",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(COOL_OFF.total_seconds()))
    retry_at = timezone.localtime(response.context["retry_at"])
    expected = timezone.localtime(timezone.now() + COOL_OFF)
    assert abs(retry_at - expected) < timedelta(seconds=30)
    text = response.content.decode()
    assert f"Try again after {retry_at:%H:%M}" in text
    assert "in at most 6 minutes" in text
    assert "Signing in is paused" in text


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_wrote(client, victim):
    for number in range(LIMIT):
        response = client.post(
            SITE_LOGIN,
            {"username": f"nobody{number}", "password": "wrong"},
            REMOTE_ADDR="192.168.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 10.0.0.66",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.66"}
