"""A certificate to print: an HTML page laid out for A4 landscape, the same as
a PDF, and the font subset the page is shown in (with the style sheet that
names it). All are in the holder's language (Certificate.language), whoever looks.

Who may open them is courses.selectors.certificates.certificate_visible_to,
the one rule for every door to a certificate: anyone else gets 404, and
visitors who are not signed in are sent to sign in. Nothing here writes.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from ..certificate_font import font_available, font_subset, text_digest
from ..certificate_pdf import certificate_pdf
from ..certificate_qr import qr_svg
from ..certificate_sheet import certificate_sheet
from ..models.certification import CertificateTemplate
from ..selectors.certificates import certificate_visible_to

# The font subset of one content never changes (its address names the content).
FONT_CACHE_SECONDS = 7 * 24 * 3600


def verification_url(request, code: str) -> str:
    """The public verification page of `code`, as an absolute address for the QR code."""
    return request.build_absolute_uri(reverse("certificate_verify", args=[code]))


def _certificate_or_404(request, code):
    certificate = certificate_visible_to(request.user, code)
    if certificate is None:
        raise Http404
    return certificate


def _design(sheet) -> str:
    return sheet.design if sheet.design in CertificateTemplate.values else "classic"


@login_required
@require_safe
def certificate_print(request, code):
    certificate = _certificate_or_404(request, code)
    with translation.override(certificate.language):
        sheet = certificate_sheet(certificate, verify_url=verification_url(request, code))
        sheet_html = render_to_string(
            f"courses/certificates/print_{_design(sheet)}.html",
            {"sheet": sheet, "qr": qr_svg(sheet.verify_url, label=sheet.qr_label)},
        )
        font_css_url = None
        if font_available():
            font_css_url = "{}?v={}".format(
                reverse("courses:certificate_font_css", args=[code]), text_digest(sheet.texts())
            )
        return render(
            request,
            "courses/certificates/print_page.html",
            {"sheet": sheet, "sheet_html": sheet_html, "font_css_url": font_css_url},
        )


@login_required
@require_safe
def certificate_pdf_download(request, code):
    certificate = _certificate_or_404(request, code)
    with translation.override(certificate.language):
        sheet = certificate_sheet(certificate, verify_url=verification_url(request, code))
        data = certificate_pdf(sheet)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    # Its status may change (revoked, expired): asked again each time, never shared.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _sheet_texts(request, code) -> str:
    certificate = _certificate_or_404(request, code)
    with translation.override(certificate.language):
        sheet = certificate_sheet(
            certificate, verify_url=verification_url(request, code), with_signature=False
        )
        return sheet.texts()


def _kept(response):
    patch_cache_control(response, private=True, max_age=FONT_CACHE_SECONDS)
    return response


@login_required
@require_safe
def certificate_font_css(request, code):
    """The @font-face of the print page. A style sheet of its own, not inline:
    the site's Content-Security-Policy allows styles only from files. Its
    address (font.ttf) is relative, so it follows wherever the site is mounted."""
    digest = text_digest(_sheet_texts(request, code))
    css = (
        '@font-face { font-family: "Lianbing Certificate"; '
        f'src: url("font.ttf?v={digest}") format("truetype"); font-display: block; }}\n'
    )
    return _kept(HttpResponse(css, content_type="text/css; charset=utf-8"))


@login_required
@require_safe
def certificate_font(request, code):
    """The glyphs of this certificate's sheet, from the certificate font."""
    return _kept(HttpResponse(font_subset(_sheet_texts(request, code)), content_type="font/ttf"))
