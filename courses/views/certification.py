"""Certification (資格認證) pages: a trainee's programmes, progress and
certificates; one certificate (with revocation for those who may); the
certification of a manager's people. Who sees a certificate is decided in
courses.selectors.certificates, a manager's people in people.selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.selectors import person_for_user

from ..certificate_codes import code_display
from ..forms.certification import RevokeForm
from ..models import CertificationProgramme
from ..selectors.certificates import CertificateStatus, certificate_visible_to, may_revoke
from ..selectors.certification import (
    certificate_history,
    certificates_of,
    certification_people,
    certification_rows,
    may_follow_certification,
    programme_open_to,
    programmes_in_scope_of,
    programmes_of_person,
    programmes_open_to,
    progress_for,
    with_status,
)
from ..services.certification import certificate_revoke, programme_enrol

PEOPLE_PER_PAGE = 50


@login_required
def my_certification(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    today = timezone.localdate()
    programmes = list(programmes_of_person(person))
    progress = progress_for(programmes, [person.pk], today=today)
    return render(
        request,
        "courses/certification/mine.html",
        {
            "rows": [progress[(p.pk, person.pk)] for p in programmes],
            "open": programmes_open_to(request.user, person),
            "certificates": with_status(certificates_of(person), today=today),
            "today": today,
        },
    )


@login_required
@require_POST
def programme_enrol_view(request, programme_id: int):
    person = person_for_user(request.user)
    programme = get_object_or_404(CertificationProgramme, pk=programme_id)
    if person is None or not programme_open_to(programme, request.user):
        raise Http404
    programme_enrol(by=request.user, programme=programme, person=person)
    messages.success(request, _("You are enrolled in %(programme)s.") % {"programme": programme})
    return redirect("courses:my_certification")


def _certificate_or_404(request, code: str):
    certificate = certificate_visible_to(request.user, code)
    if certificate is None:
        raise Http404
    return certificate


@login_required
def certificate_detail(request, code: str, form: RevokeForm | None = None):
    certificate = _certificate_or_404(request, code)
    history = certificate_history(certificate)
    this = next(c for c in history if c.pk == certificate.pk)
    revocable = this.status != CertificateStatus.REVOKED and may_revoke(request.user, certificate)
    return render(
        request,
        "courses/certification/certificate.html",
        {
            "certificate": this,
            "code": code_display(certificate.code),
            # The public page is the host's (un-namespaced): named here, not in the template.
            "verify_url": reverse("certificate_verify", args=[certificate.code]),
            "history": history,
            "is_holder": certificate.person.user_id == request.user.pk,
            "revoke_form": (form or RevokeForm()) if revocable else None,
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def certificate_revoke_view(request, code: str):
    certificate = _certificate_or_404(request, code)
    if not may_revoke(request.user, certificate):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return certificate_detail(request, code, form=form)
    try:
        certificate_revoke(
            by=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        form.add_error("reason", error.message_dict.get("reason"))
        return certificate_detail(request, code, form=form)
    messages.success(request, _("The certificate is revoked."))
    return redirect("courses:certificate", certificate.code)


@login_required
def certification_team(request):
    if not may_follow_certification(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    programmes = list(programmes_in_scope_of(request.user).order_by("name"))
    try:
        chosen = int(request.GET.get("programme") or 0)
    except ValueError:
        chosen = 0
    chosen = chosen if chosen in {p.pk for p in programmes} else 0
    page = Paginator(
        certification_people(request.user, programme_id=chosen or None), PEOPLE_PER_PAGE
    ).get_page(request.GET.get("page"))
    page.object_list = certification_rows(page.object_list, today=today)
    return render(
        request,
        "courses/certification/people.html",
        {"page": page, "programmes": programmes, "chosen": chosen},
    )
