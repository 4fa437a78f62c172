"""A certificate as a PDF (A4 landscape), in one of the programme's designs.

fpdf2 embeds a subset of the certificate font (courses.certificate_font) with
the glyphs used and a ToUnicode map, so the PDF shows Chinese on a machine
with no CJK font and its text can be searched and copied. The content comes
from courses.certificate_sheet, the same as the print page's.
"""

import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .certificate_font import certificate_font_path
from .certificate_qr import qr_draw
from .certificate_sheet import CertificateSheet
from .models.certification import CertificateTemplate

FONT = "certificate"
WIDTH, HEIGHT = 297, 210  # mm, A4 landscape
INK = (33, 37, 41)
MUTED = (90, 96, 104)
ACCENT = {
    CertificateTemplate.CLASSIC: (122, 92, 30),
    CertificateTemplate.MODERN: (20, 92, 110),
    CertificateTemplate.FORMAL: (128, 24, 24),
}
MARK = (196, 30, 30)


def certificate_pdf(sheet: CertificateSheet) -> bytes:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_lang(sheet.language)
    pdf.set_title(f"{sheet.title}: {sheet.programme_name} ({sheet.holder_name})")
    pdf.set_subject(sheet.programme_name)
    pdf.set_creator("Lianbing")
    path = certificate_font_path()
    number = 0 if path.suffix.lower() == ".ttc" else None
    if number is None:
        pdf.add_font(FONT, fname=str(path))
    else:
        pdf.add_font(FONT, fname=str(path), collection_font_number=number)
    pdf.add_page()
    LAYOUTS.get(sheet.design, _classic)(pdf, sheet)
    if sheet.status_mark:
        _mark(pdf, sheet)
    return bytes(pdf.output())


def _text(pdf, sheet_text, *, x, y, w, size, colour=INK, align="C", h=None):
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*colour)
    pdf.set_xy(x, y)
    pdf.multi_cell(w, h or size * 0.5, sheet_text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _facts(pdf, sheet, *, x, y, w, align="L"):
    """Dates and the verification code, one per line."""
    lines = [f"{sheet.issued_label}: {sheet.issued_on}"]
    if sheet.expires_on:
        lines.append(f"{sheet.expires_label}: {sheet.expires_on}")
    lines.append(f"{sheet.code_label}: {sheet.code_grouped}")
    for n, line in enumerate(lines):
        _text(pdf, line, x=x, y=y + n * 7, w=w, size=11, colour=MUTED, align=align, h=6)


def _qr(pdf, sheet, *, x, y, size=30):
    qr_draw(pdf, sheet.verify_url, x=x, y=y, size=size)
    _text(pdf, sheet.verify_url, x=x - 20, y=y + size + 1, w=size + 40, size=7, colour=MUTED)


def _signature(pdf, sheet, *, x, y, w, colour=INK):
    """The signature above a line, the signatory's name and title below it."""
    if sheet.signature:
        ratio = sheet.signature.height / sheet.signature.width
        image_w = min(w * 0.8, 18 / ratio)
        pdf.image(
            io.BytesIO(sheet.signature.png),
            x=x + (w - image_w) / 2,
            y=y + 18 - image_w * ratio,
            w=image_w,
            alt_text=sheet.signature_alt,
        )
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(x, y + 19, x + w, y + 19)
    if sheet.signatory_name:
        _text(pdf, sheet.signatory_name, x=x, y=y + 21, w=w, size=12, colour=colour)
    if sheet.signatory_title:
        _text(pdf, sheet.signatory_title, x=x, y=y + 28, w=w, size=9, colour=MUTED)


def _classic(pdf, sheet):
    """A framed, centred sheet: a thick border with a thin one inside it."""
    accent = ACCENT[CertificateTemplate.CLASSIC]
    pdf.set_draw_color(*accent)
    pdf.set_line_width(2.2)
    pdf.rect(10, 10, WIDTH - 20, HEIGHT - 20)
    pdf.set_line_width(0.4)
    pdf.rect(15, 15, WIDTH - 30, HEIGHT - 30)
    _text(pdf, sheet.title, x=20, y=30, w=WIDTH - 40, size=34, colour=accent)
    _text(pdf, sheet.holder_name, x=20, y=62, w=WIDTH - 40, size=30)
    _text(pdf, sheet.statement, x=40, y=85, w=WIDTH - 80, size=15, colour=MUTED, h=8)
    _text(pdf, sheet.programme_name, x=30, y=105, w=WIDTH - 60, size=22, colour=accent, h=10)
    _facts(pdf, sheet, x=30, y=140, w=110)
    _qr(pdf, sheet, x=WIDTH / 2 - 15, y=138)
    _signature(pdf, sheet, x=WIDTH - 100, y=140, w=70)


def _modern(pdf, sheet):
    """A band of colour on the left with the title and the QR code; the rest left-aligned."""
    accent = ACCENT[CertificateTemplate.MODERN]
    pdf.set_fill_color(*accent)
    pdf.rect(0, 0, 80, HEIGHT, style="F")
    _text(pdf, sheet.title, x=10, y=30, w=60, size=26, colour=(255, 255, 255), h=12)
    qr_draw(pdf, sheet.verify_url, x=17, y=130, size=46)
    _text(pdf, sheet.code_grouped, x=5, y=180, w=70, size=10, colour=(255, 255, 255))
    _text(pdf, sheet.holder_name, x=95, y=40, w=185, size=32, align="L", h=14)
    _text(pdf, sheet.statement, x=95, y=65, w=185, size=14, colour=MUTED, align="L", h=8)
    _text(pdf, sheet.programme_name, x=95, y=82, w=185, size=22, colour=accent, align="L", h=10)
    _facts(pdf, sheet, x=95, y=120, w=110)
    _text(pdf, sheet.verify_url, x=95, y=145, w=120, size=8, colour=MUTED, align="L")
    _signature(pdf, sheet, x=205, y=145, w=70)


def _formal(pdf, sheet):
    """A double border, centred text, and a round space for the seal."""
    accent = ACCENT[CertificateTemplate.FORMAL]
    pdf.set_draw_color(*accent)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
    pdf.rect(12, 12, WIDTH - 24, HEIGHT - 24)
    pdf.set_line_width(0.3)
    pdf.rect(16, 16, WIDTH - 32, HEIGHT - 32)
    _text(pdf, sheet.title, x=20, y=28, w=WIDTH - 40, size=36, colour=accent)
    _text(pdf, sheet.programme_name, x=30, y=52, w=WIDTH - 60, size=18, colour=MUTED, h=9)
    _text(pdf, sheet.holder_name, x=20, y=78, w=WIDTH - 40, size=32)
    _text(pdf, sheet.statement, x=40, y=100, w=WIDTH - 80, size=15, colour=MUTED, h=8)
    _facts(pdf, sheet, x=WIDTH / 2 - 60, y=122, w=120, align="C")
    pdf.set_draw_color(*accent)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.circle(x=60, y=162, radius=18)  # the seal's place
    pdf.set_dash_pattern()
    _qr(pdf, sheet, x=WIDTH / 2 - 14, y=146, size=28)
    _signature(pdf, sheet, x=WIDTH - 105, y=145, w=70)


LAYOUTS = {
    CertificateTemplate.CLASSIC: _classic,
    CertificateTemplate.MODERN: _modern,
    CertificateTemplate.FORMAL: _formal,
}


def _mark(pdf, sheet):
    """REVOKED / EXPIRED across the sheet and at its top: it cannot be missed or cut off."""
    _text(pdf, sheet.status_mark, x=20, y=17, w=WIDTH - 40, size=14, colour=MARK)
    with pdf.local_context(fill_opacity=0.25, text_color=MARK):
        with pdf.rotation(angle=20, x=WIDTH / 2, y=HEIGHT / 2):
            pdf.set_font(FONT, size=54)
            pdf.set_xy(0, HEIGHT / 2 - 12)
            pdf.cell(WIDTH, 24, sheet.status_mark, align="C")
