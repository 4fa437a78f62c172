"""Sign-in throttling: the pieces of django-axes that the host site supplies.

django-axes counts failed sign-ins and refuses further attempts (settings in
settings/base.py, "Sign-in throttling"). This module tells it the client's
address behind a reverse proxy, renders the page a throttled person sees, and
closes the gap django-axes leaves between counting and checking:

django-axes checks the count of failures before the password is checked and
records the failure afterwards, so guesses sent at the same moment would all
see the same count and all be checked. SignInGateBackend (in place of
AxesStandaloneBackend) admits a password check only while the failures already
recorded plus the checks still running stay under AXES_FAILURE_LIMIT, deciding
this under a database row lock per account and per address (SignInGate); the
admitted check is written down (SignInCheck) and erased by SignInHandler right
after django-axes has recorded its failure, or when the sign-in succeeds.

Why the database and not the cache: the row lock holds across every process and
server on PostgreSQL, and the failures it counts are in the same database; the
development cache is file-based, whose add() is not atomic across processes.
On SQLite, select_for_update does nothing, but the first write in the
transaction takes the database's single write lock, which serialises too.
"""

import math
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_parameters, get_client_username, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import KEY_LENGTH, SignInCheck, SignInGate


def client_ip_address(request: HttpRequest) -> str | None:
    """The address failures are counted against.

    REMOTE_ADDR, unless the site runs behind TRUSTED_PROXY_COUNT reverse proxies
    that each append the address they received from to X-Forwarded-For: then the
    address the outermost of them saw. Entries further left are written by the
    client and are not trusted, or anyone could pick a fresh address per guess.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page shown instead of signing in while attempts are throttled (HTTP 429).

    Attempts refused during the pause are not counted (AXES_RESET_COOL_OFF_ON_
    FAILURE_DURING_LOCKOUT is off), so the pause ends at the latest one cool-off
    after now: that is the time the page gives.
    """
    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    retry_at = timezone.now() + cool_off
    response = render(
        request,
        "registration/locked_out.html",
        {
            "retry_at": retry_at,
            "minutes": math.ceil(cool_off.total_seconds() / 60),
            "login_url": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def _gate_keys(request: HttpRequest, credentials: dict) -> list[str]:
    """One key per lockout parameter (the account, the address), as django-axes
    filters its failures by them."""
    username = get_client_username(request, credentials)
    keys = set()
    for parameters in get_client_parameters(
        username, request.axes_ip_address, request.axes_user_agent, request, credentials
    ):
        key = "&".join(f"{name}={value}" for name, value in sorted(parameters.items()))
        keys.add(key[:KEY_LENGTH])
    return sorted(keys)


class SignInGateBackend(AxesStandaloneBackend):
    """AxesStandaloneBackend, plus: at most AXES_FAILURE_LIMIT passwords checked
    per account and per address at any moment of the cool-off, however many
    requests arrive at once. Goes first in AUTHENTICATION_BACKENDS."""

    def authenticate(self, request: HttpRequest, username=None, password=None, **kwargs):
        if request is None or not settings.AXES_ENABLED:
            return super().authenticate(request, username, password, **kwargs)
        credentials = get_credentials(username=username, password=password, **kwargs)
        AxesProxyHandler.update_request(request)
        keys = _gate_keys(request, credentials)
        with transaction.atomic():
            # Locked in one order everywhere, so two requests never wait on each other;
            # again if the clean-up deleted a row meanwhile.
            locked = 0
            while locked < len(keys):
                SignInGate.objects.bulk_create(
                    [SignInGate(key=key) for key in keys], ignore_conflicts=True
                )
                locked = len(
                    SignInGate.objects.select_for_update().filter(key__in=keys).order_by("key")
                )
            # Raises AxesBackendPermissionDenied while the account or address is paused.
            super().authenticate(request, username, password, **kwargs)
            running_since = timezone.now() - settings.SIGNIN_CHECK_TIMEOUT
            running = max(
                SignInCheck.objects.filter(key=key, started_at__gte=running_since).count()
                for key in keys
            )
            if AxesProxyHandler.get_failures(request, credentials) + running >= (
                settings.AXES_FAILURE_LIMIT
            ):
                # The checks running now would reach the limit if they fail: refused
                # like a pause (not counted, the pause page), without a password check.
                if not settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT:
                    request.axes_locked_out = True
                raise AxesBackendPermissionDenied(
                    "Too many sign-in checks for this account or address"
                )
            now = timezone.now()
            request.signin_checks = [
                check.pk
                for check in SignInCheck.objects.bulk_create(
                    [SignInCheck(key=key, started_at=now) for key in keys]
                )
            ]
        return None  # The password is checked by the next backend, outside the lock.


def _end_checks(request) -> None:
    check_ids = getattr(request, "signin_checks", None)
    if check_ids:
        SignInCheck.objects.filter(pk__in=check_ids).delete()
        request.signin_checks = []


class SignInHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) that ends the request's
    admitted check once its outcome is recorded."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        try:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        finally:
            _end_checks(request)

    def user_logged_in(self, sender, request, user, **kwargs):
        try:
            return super().user_logged_in(sender, request, user, **kwargs)
        finally:
            _end_checks(request)


def delete_old_signin_records() -> dict[str, int]:
    """Delete sign-in records older than SIGNIN_RECORDS_KEPT_DAYS: django-axes'
    access logs (one per sign-in), failure logs and failure counts, and
    admitted checks left behind by requests that never finished."""
    days = settings.SIGNIN_RECORDS_KEPT_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    deleted = {
        "access_logs": AxesProxyHandler.reset_logs(age_days=days),
        "failure_logs": AxesProxyHandler.reset_failure_logs(age_days=days),
        "attempts": AccessAttempt.objects.filter(attempt_time__lte=cutoff).delete()[0],
        "checks": SignInCheck.objects.filter(
            started_at__lt=timezone.now() - settings.SIGNIN_CHECK_TIMEOUT
        ).delete()[0],
    }
    # Gates are recreated on the next attempt; those with a check running stay.
    SignInGate.objects.exclude(key__in=SignInCheck.objects.values("key")).delete()
    return deleted
