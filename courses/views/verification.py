"""The public verification page (/verify/<code>/): anyone, signed in or not,
reads whether a certificate is valid, expired or revoked, with the holder's
name, the programme and its dates, and nothing else (not the person's record,
unit or scores). It is not a door to the certificate (see
courses.selectors.certificates).

Unknown codes answer 404 with the same page, and each client address may ask
for only COURSES_VERIFY_UNKNOWN_LIMIT of them in a while (429 after that).
Known codes stay answered: someone checking a real certificate from an office
whose address is shared is not locked out by a neighbour's typing, and with
100 bits per code the limit is not what keeps codes from being guessed."""

from django.core.cache import cache
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..certificate_codes import code_display, code_normalise
from ..conf import courses_settings
from ..forms.certification import VerifyForm
from ..models import Certificate
from ..selectors.certificates import CertificateStatus, certificate_status

KEY = "courses:verify-unknown:{}"
TEMPLATE = "courses/certification/verify.html"


def render(request, template, context, status=200):
    """Every answer of the page, with where its form goes (the host's page, named here)."""
    return django_render(
        request,
        template,
        {**context, "form_url": reverse("certificate_verify_form")},
        status=status,
    )


def _client(request) -> str:
    path = courses_settings.CLIENT_ADDRESS
    address = import_string(path)(request) if path else request.META.get("REMOTE_ADDR")
    return address or "unknown"


def _over_limit(request) -> bool:
    limit, _seconds = courses_settings.VERIFY_UNKNOWN_LIMIT
    return (cache.get(KEY.format(_client(request))) or 0) >= limit


def _count_unknown(request) -> None:
    _limit, seconds = courses_settings.VERIFY_UNKNOWN_LIMIT
    key = KEY.format(_client(request))
    if cache.add(key, 1, timeout=seconds):  # the window starts with the first miss
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)


@never_cache
def verify_form(request):
    """A form to type a code (GET: it only reads)."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("certificate_verify", form.cleaned_data["code"])
    return render(
        request,
        TEMPLATE,
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
def verify_code(request, code: str):
    normalised = code_normalise(code)
    if normalised != code:
        return redirect("certificate_verify", normalised)
    certificate = (
        Certificate.objects.select_related("programme")
        .only(
            "code",
            "holder_name",
            "issued_at",
            "expires_on",
            "revoked_at",
            "programme__name",
        )  # fmt: skip
        .filter(code=code)
        .first()
    )
    if certificate is None:
        if _over_limit(request):
            return render(
                request,
                TEMPLATE,
                {
                    "form": VerifyForm(),
                    "limited": _(
                        "Too many unknown codes were asked for from your address. "
                        "Wait a few minutes, then check the code as printed and try again."
                    ),
                },
                status=429,
            )
        _count_unknown(request)
        return render(
            request,
            TEMPLATE,
            {"form": VerifyForm(initial={"code": code_display(code)}), "unknown": True},
            status=404,
        )
    status = certificate_status(certificate)
    return render(
        request,
        TEMPLATE,
        {
            "form": VerifyForm(),
            "result": {
                "status": status,
                "status_label": CertificateStatus(status).label,
                "holder_name": certificate.holder_name,
                "programme": certificate.programme.name,
                "issued_on": certificate.issued_at,
                "expires_on": certificate.expires_on,
                "revoked_on": certificate.revoked_at,
                "code": code_display(certificate.code),
            },
        },
    )
