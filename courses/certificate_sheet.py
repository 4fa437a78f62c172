"""What a printed certificate says, in the holder's language: one description
that the print page (courses/templates/courses/certificates/print_*.html) and
the PDF (courses.certificate_pdf) both lay out, so they never say different
things. Reads only; build it inside `translation.override(certificate.language)`.
"""

import base64
import logging
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.images.models import Filter

from .models import Certificate
from .selectors.certificates import CertificateStatus, certificate_status

logger = logging.getLogger(__name__)

# The signature as printed: at most this size, a PNG so transparency survives.
SIGNATURE_BOX = (480, 160)
SIGNATURE_FILTER = "max-{}x{}|format-png".format(*SIGNATURE_BOX)
CODE_GROUP = 4


@dataclass(frozen=True)
class Signature:
    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        # Inline in the page: the certificate's access check covers it, and the
        # files' rule (courses.files) knows pages, not programmes.
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class CertificateSheet:
    certificate: Certificate
    design: str
    language: str
    title: str
    programme_name: str
    holder_name: str
    statement: str
    issued_label: str
    issued_on: str
    expires_label: str
    expires_on: str  # "" when it does not expire
    code_label: str
    code_grouped: str
    verify_url: str
    verify_label: str
    qr_label: str
    status: str
    status_mark: str  # "" when valid: otherwise REVOKED / EXPIRED with the day
    signature: Signature | None
    signature_alt: str
    signatory_name: str
    signatory_title: str

    def texts(self) -> str:
        """Every character the sheet prints, for the font subsets."""
        return "".join(
            [
                self.title,
                self.programme_name,
                self.holder_name,
                self.statement,
                self.issued_label,
                self.issued_on,
                self.expires_label,
                self.expires_on,
                self.code_label,
                self.code_grouped,
                self.verify_label,
                self.verify_url,
                self.status_mark,
                self.signatory_name,
                self.signatory_title,
                "0123456789: ",  # the page's separators (print.css) and figures
            ]
        )


def code_grouped(code: str) -> str:
    """ABCDEFGHJKLM -> "ABCD EFGH JKLM": easier to read out and to type."""
    return " ".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def signature_of(programme) -> Signature | None:
    """The programme's signature image scaled for print, made in memory (a
    stored rendition would be a write on a GET); None without a readable one."""
    image = programme.signature_image
    if image is None:
        return None
    try:
        rendition = image.generate_rendition_file(Filter(SIGNATURE_FILTER))
        rendition.seek(0)
        png = rendition.read()
    except (OSError, ValueError) as error:  # a missing or unreadable file: print without it
        logger.warning("Signature image %s of programme %s: %s", image.pk, programme.pk, error)
        return None
    # The size "max-" gives: fitted in the box, never enlarged (the page's width and height).
    scale = min(SIGNATURE_BOX[0] / image.width, SIGNATURE_BOX[1] / image.height, 1)
    return Signature(
        png=png,
        width=max(1, round(image.width * scale)),
        height=max(1, round(image.height * scale)),
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def certificate_sheet(
    certificate: Certificate,
    *,
    verify_url: str,
    today: date | None = None,
    with_signature: bool = True,
) -> CertificateSheet:
    """The sheet of `certificate`; `with_signature=False` skips scaling the
    image when only the text is wanted (the font subset)."""
    programme = certificate.programme
    status = certificate_status(certificate, today=today)
    if status == CertificateStatus.REVOKED:
        mark = _("REVOKED on %(day)s") % {"day": _day(timezone.localdate(certificate.revoked_at))}
    elif status == CertificateStatus.EXPIRED:
        # expires_on is the last valid day: say that, not a day it "expired on".
        mark = _("EXPIRED: valid until %(day)s") % {"day": _day(certificate.expires_on)}
    else:
        mark = ""
    return CertificateSheet(
        certificate=certificate,
        design=programme.template,
        language=certificate.language,
        title=_("Certificate"),
        programme_name=programme.name,
        holder_name=certificate.holder_name,
        statement=_("has met the requirements of %(programme)s") % {"programme": programme.name},
        issued_label=_("Issued on"),
        issued_on=_day(timezone.localdate(certificate.issued_at)),
        expires_label=_("Valid until"),
        expires_on=_day(certificate.expires_on) if certificate.expires_on else "",
        code_label=_("Verification code"),
        code_grouped=code_grouped(certificate.code),
        verify_url=verify_url,
        verify_label=_("Check this certificate at"),
        qr_label=_("QR code: the verification page of this certificate"),
        status=status,
        status_mark=mark,
        signature=signature_of(programme) if with_signature else None,
        signature_alt=_("Signature of %(name)s") % {"name": programme.signatory_name}
        if programme.signatory_name
        else _("Signature"),
        signatory_name=programme.signatory_name,
        signatory_title=programme.signatory_title,
    )
