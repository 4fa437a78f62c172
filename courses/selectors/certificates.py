"""Who may see certificates and programmes, and a certificate's status on a
day: the one place every door (pages, print, PDF, exports, admin) asks.

- A certificate is seen by its holder, by whoever may see the holder (their
  managers up the tree, administrators) and by the trainers of its programme.
- A programme is changed, and its certificates revoked, by administrators and
  by the trainers of that programme.
- The public verification page is not a door to a certificate: it shows only
  the status, the holder's name and the programme (courses.views.verification).
"""

from datetime import date

from django.db.models import Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.roles import Role
from people.selectors import people_visible_to, sees_everyone, user_has_role

from ..models import Certificate, CertificationProgramme


class CertificateStatus(TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def certificate_status(certificate: Certificate, *, today: date | None = None) -> str:
    """Revoked from the moment it is revoked; expired from the day after its
    last valid day (`expires_on`); otherwise valid."""
    if certificate.revoked_at is not None:
        return CertificateStatus.REVOKED
    today = today or timezone.localdate()
    if certificate.expires_on is not None and certificate.expires_on < today:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


def status_q(status: str, *, today: date | None = None) -> Q:
    """A filter on Certificate for one status on `today` (the same rule as above)."""
    today = today or timezone.localdate()
    if status == CertificateStatus.REVOKED:
        return Q(revoked_at__isnull=False)
    not_revoked = Q(revoked_at__isnull=True)
    if status == CertificateStatus.EXPIRED:
        return not_revoked & Q(expires_on__lt=today)
    return not_revoked & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def programmes_managed_by(user) -> QuerySet[CertificationProgramme]:
    """The programmes `user` may change and whose certificates they may revoke."""
    if not user.is_authenticated:
        return CertificationProgramme.objects.none()
    if sees_everyone(user):
        return CertificationProgramme.objects.all()
    if not user_has_role(user, Role.TRAINER):
        return CertificationProgramme.objects.none()
    return CertificationProgramme.objects.filter(trainers=user)


def certificates_visible_to(user) -> QuerySet[Certificate]:
    if not user.is_authenticated:
        return Certificate.objects.none()
    certificates = Certificate.objects.select_related("programme", "person")
    if sees_everyone(user):
        return certificates.all()
    return certificates.filter(
        Q(person__in=people_visible_to(user).values("pk"))
        | Q(programme__in=programmes_managed_by(user).values("pk"))
    )


def certificate_visible_to(user, code: str) -> Certificate | None:
    """The certificate with this code if `user` may see it, else None (answer 404)."""
    return certificates_visible_to(user).filter(code=code).first()


def may_revoke(user, certificate: Certificate) -> bool:
    return programmes_managed_by(user).filter(pk=certificate.programme_id).exists()
