"""Sign-in throttling: the pieces of django-axes that the host site supplies.

django-axes counts failed sign-ins and refuses further attempts (settings in
settings/base.py, "Sign-in throttling"). This module tells it the client's
address behind a reverse proxy and renders the page a throttled person sees.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


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
