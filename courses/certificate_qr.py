"""The QR code on a certificate: it leads to the public verification page.

Drawn by segno (pure Python): as inline SVG for the print page (no image
request, nothing for the Content-Security-Policy to block) and as filled
squares for the PDF (vector, sharp at any print size).
"""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# "M" recovers from about 15 % damage: enough for a printed, folded sheet.
ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_svg(url: str, *, label: str, size_px: int = 132) -> SafeString:
    """The code as an inline <svg> with an accessible name (`label`)."""
    code = qr_code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    path = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True)
    # segno's <svg> tag is replaced by ours: a viewBox that scales, a role and a title.
    inner = path[path.index(">") + 1 : path.rindex("</svg>")]
    return mark_safe(  # noqa: S308 - segno's path data and our escaped label
        f'<svg class="certificate-qr" role="img" aria-label="{escape(label)}" '
        f'width="{size_px}" height="{size_px}" viewBox="0 0 {modules} {modules}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        f'<rect width="{modules}" height="{modules}" fill="#fff"/>{inner}</svg>'
    )


def qr_draw(pdf, url: str, *, x: float, y: float, size: float) -> None:
    """Draw the code on an fpdf2 page as black squares in a `size` square at (x, y)."""
    code = qr_code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    cell = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(code.matrix_iter(scale=1, border=QUIET_ZONE)):
        column = 0
        bits = list(line)
        # One rectangle per run of dark modules: fewer drawing operations.
        while column < len(bits):
            if not bits[column]:
                column += 1
                continue
            start = column
            while column < len(bits) and bits[column]:
                column += 1
            pdf.rect(x + start * cell, y + row * cell, (column - start) * cell, cell, style="F")
