"""Writes of certification: enrolling in a programme, issuing a certificate
when its requirements are met (renewing one when the renewal requirements are),
revoking one with a reason, and the notices before expiry. Each is idempotent:
checking twice issues once, revoking twice records the first, a notice of a
given number of days goes once."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_q.tasks import async_task
from wagtail.log_actions import log

from notifications.services import language_of, notice_send
from people.models import Person
from people.selectors import line_managers_of

from ..certificate_codes import code_new
from ..conf import courses_settings
from ..models import Certificate, CertificationProgramme, ProgrammeEnrolment
from ..selectors.certificates import may_revoke
from ..selectors.certification import (
    Stage,
    certificates_expiring,
    expiry_for,
    programme_open_to,
    programmes_of_person,
    progress_for,
)

CHECK_TASK = "courses.tasks.certification_check"
REVOKE_ACTION = "courses.certificate_revoke"


def certificate_url(certificate: Certificate) -> str:
    return reverse("courses:certificate", args=[certificate.code])


def certification_check_queue(*, person_id: int) -> None:
    """Check the person's programmes in the background once the caller's
    transaction commits (the completion it reacts to is then visible)."""
    transaction.on_commit(
        lambda: async_task(CHECK_TASK, person_id, task_name=f"courses-certification-{person_id}")
    )


def programme_enrol(
    *, by, programme: CertificationProgramme, person: Person, now: datetime | None = None
) -> ProgrammeEnrolment:
    """Enrol `person` (by themself) in a programme open to them. Enrolling again
    changes nothing. What they have already done counts at once."""
    if by.pk != person.user_id or not programme_open_to(programme, by):
        raise PermissionDenied
    enrolment, created = ProgrammeEnrolment.objects.get_or_create(
        programme=programme,
        person=person,
        defaults={"enrolled_at": now or timezone.now(), "enrolled_by": by},
    )
    if created:
        certification_check_queue(person_id=person.pk)
    return enrolment


def _basis(progress) -> dict:
    return {
        "stage": progress.stage,
        "requirements": [
            {"kind": r.kind, "label": r.label, "detail": r.detail} for r in progress.requirements
        ],
    }


def certification_check(
    *, person_id: int, today: date | None = None, now: datetime | None = None
) -> list[Certificate]:
    """Issue each certificate the person now qualifies for: a first one (or a
    new one after a revocation) once the programme's requirements are met, a
    renewal once the renewal requirements are met within the renewal window or
    after expiry. Returns the certificates issued."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None:
        return []
    programmes = list(programmes_of_person(person))
    progress = progress_for(programmes, [person.pk], today=today)
    issued = []
    for programme in programmes:
        found = progress[(programme.pk, person.pk)]
        if found.issuable(today):
            certificate = _issue(programme, person, found, today=today, now=now)
            if certificate is not None:
                issued.append(certificate)
    return issued


def _issue(programme, person, progress, *, today, now) -> Certificate | None:
    with transaction.atomic():
        # The enrolment row is the lock: two checks at once issue one certificate.
        ProgrammeEnrolment.objects.get_or_create(
            programme=programme, person=person, defaults={"enrolled_at": now}
        )
        ProgrammeEnrolment.objects.select_for_update().get(programme=programme, person=person)
        latest = (
            Certificate.objects.filter(programme=programme, person=person)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if (latest.pk if latest else None) != (progress.current.pk if progress.current else None):
            return None  # another check issued meanwhile
        renews = progress.current if progress.stage == Stage.RENEWAL else None
        start = today
        if renews is not None and renews.expires_on and renews.expires_on >= today:
            start = renews.expires_on  # renewing early loses no days
        certificate = _create(
            programme=programme,
            person=person,
            issued_at=now,
            expires_on=expiry_for(programme, start),
            renews=renews,
            basis=_basis(progress),
        )
        notice_send(
            recipient=person.user,
            message=gettext_lazy("Your certificate of %(programme)s is issued")
            if renews is None
            else gettext_lazy("Your certificate of %(programme)s is renewed"),
            link=certificate_url(certificate),
            programme=programme.name,
        )
    return certificate


def _create(**fields) -> Certificate:
    person = fields["person"]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    code=code_new(),
                    holder_name=person.name,
                    language=language_of(person.user),
                    **fields,
                )
        except IntegrityError:  # the one-in-2^100 clash of codes: draw again
            continue
    raise RuntimeError("no free verification code")


def certificate_revoke(
    *, by, certificate: Certificate, reason: str, now: datetime | None = None
) -> Certificate:
    """Revoke a certificate, recording who, when and why (and in Wagtail's audit
    log). Only administrators and the programme's trainers may (PermissionDenied);
    the reason is required (ValidationError on `reason`). Revoking a revoked
    certificate keeps the first record."""
    if not may_revoke(by, certificate):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    if certificate.revoked_at is not None:
        return certificate
    now = now or timezone.now()
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by, revoke_reason=reason
        )
        certificate.refresh_from_db()
        if updated:
            log(
                instance=certificate,
                action=REVOKE_ACTION,
                user=by,
                data={"reason": reason, "code": certificate.code},
            )
            notice_send(
                recipient=certificate.person.user,
                message=gettext_lazy("Your certificate of %(programme)s was revoked: %(reason)s"),
                link=certificate_url(certificate),
                programme=certificate.programme.name,
                reason=reason,
            )
    return certificate


def expiry_notices_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """Tell each holder, and their line managers, that a certificate expires:
    COURSES_CERTIFICATE_EXPIRY_NOTICE_DAYS before (60 and 14). A certificate
    already inside a shorter period gets only that one (a late start does not
    send both). Each goes once. Returns how many certificates were noticed."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    days = sorted(courses_settings.CERTIFICATE_EXPIRY_NOTICE_DAYS)
    if not days:
        return 0
    sent = 0
    for certificate in certificates_expiring(today=today, within_days=days[-1]):
        left = (certificate.expires_on - today).days
        due = next(d for d in days if left <= d)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if str(due) in locked.expiry_notices:
                continue
            # The longer notices are spent too: they would come after this one.
            locked.expiry_notices.update({str(d): now.isoformat() for d in days if d >= due})
            locked.save(update_fields=["expiry_notices"])
            _expiry_notify(certificate, days_left=left)
        sent += 1
    return sent


def _expiry_notify(certificate: Certificate, *, days_left: int) -> None:
    link = certificate_url(certificate)
    expires = certificate.expires_on.isoformat()
    notice_send(
        recipient=certificate.person.user,
        message=gettext_lazy(
            "Your certificate of %(programme)s expires on %(expires)s: renew it before then"
        ),
        link=link,
        programme=certificate.programme.name,
        expires=expires,
    )
    for manager in line_managers_of(certificate.person).select_related("user"):
        notice_send(
            recipient=manager.user,
            message=gettext_lazy(
                "%(person)s's certificate of %(programme)s expires on %(expires)s"
            ),
            link=link,
            person=certificate.holder_name,
            programme=certificate.programme.name,
            expires=expires,
        )
