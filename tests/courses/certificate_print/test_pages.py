"""The print page and its font: each design, what the sheet says, the font
served from the site with just the sheet's glyphs, the holder's language, the
Content-Security-Policy, and what happens without the font."""

import io
import re
from datetime import timedelta

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from fontTools.ttLib import TTFont

from courses.certificate_font import check_certificate_font
from courses.certificate_qr import qr_svg
from courses.models.certification import CertificateTemplate

from .conftest import HOLDER_NAME, PROGRAMME_NAME, print_urls

pytestmark = pytest.mark.django_db


def page_of(client, certificate):
    response = client.get(print_urls(certificate.code)["print"])
    assert response.status_code == 200
    return response


def font_url(client, html):
    """The font the page is set in: the style sheet it links names it, relative to itself."""
    match = re.search(r'<link rel="stylesheet" href="([^"]+/font\.css\?v=[0-9a-f]+)">', html)
    if not match:
        return None
    css = client.get(match.group(1))
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert 'font-family: "Lianbing Certificate"' in css.content.decode()
    relative = re.search(r'src: url\("([^"]+)"\)', css.content.decode()).group(1)
    return match.group(1).rsplit("/", 1)[0] + "/" + relative


@pytest.mark.parametrize("design", CertificateTemplate.values)
def test_each_design_renders_the_sheet(client, certificate, design):
    certificate.programme.template = design
    certificate.programme.save()
    client.force_login(certificate.person.user)
    html = page_of(client, certificate).content.decode()
    assert f'data-design="{design}"' in html
    assert f"certificate--{design}" in html
    assert HOLDER_NAME in html and PROGRAMME_NAME in html
    code = certificate.code
    assert f"{code[:4]} {code[4:8]} {code[8:]}" in html
    assert f"http://testserver/verify/{code}/" in html
    # Accessible: the QR code and the signature have names, the sheet is real text.
    assert re.search(r'<svg class="certificate-qr" role="img" aria-label="[^"]+"', html)
    assert re.search(r'<img src="data:image/png;base64,[^"]+" [^>]*alt="[^"]*李大華', html)
    assert "培訓中心主任" in html
    assert 'lang="zh-hant"' in html
    assert "courses/certificates/print.css" in html
    assert 'data-status="' not in html, "a valid certificate carries no mark"


def test_the_three_designs_differ(client, certificate):
    client.force_login(certificate.person.user)
    pages = set()
    for design in CertificateTemplate.values:
        certificate.programme.template = design
        certificate.programme.save()
        html = page_of(client, certificate).content.decode()
        pages.add(re.sub(r"\s+", " ", html[html.index("<article") : html.index("</article>")]))
    assert len(pages) == 3


def test_the_font_is_the_sites_own_with_the_sheets_glyphs(client, certificate):
    client.force_login(certificate.person.user)
    response = page_of(client, certificate)
    url = font_url(client, response.content.decode())
    assert url.startswith(print_urls(certificate.code)["font"] + "?v=")
    assert "style-src 'self'" in response["Content-Security-Policy"], "no inline style needed"
    font = client.get(url)
    assert font.status_code == 200
    assert font["Content-Type"] == "font/ttf"
    assert "private" in font["Cache-Control"] and "max-age" in font["Cache-Control"]
    cmap = TTFont(io.BytesIO(font.content)).getBestCmap()
    for character in HOLDER_NAME + PROGRAMME_NAME + "李大華培訓中心主任":
        assert ord(character) in cmap, character
    assert ord("龍") not in cmap, "a subset, not the whole font"
    assert len(font.content) < 100_000


def test_another_holder_name_gets_another_font_address(client, certificate):
    client.force_login(certificate.person.user)
    first = font_url(client, page_of(client, certificate).content.decode())
    certificate.holder_name = "陳美玲"
    certificate.save()
    second = font_url(client, page_of(client, certificate).content.decode())
    assert first != second
    cmap = TTFont(io.BytesIO(client.get(second).content)).getBestCmap()
    assert all(ord(character) in cmap for character in "陳美玲")


def test_the_page_is_in_the_holders_language(client, certificate, manager):
    certificate.language = "en"
    certificate.save()
    client.force_login(manager.user)
    client.cookies["django_language"] = "zh-hant"
    html = page_of(client, certificate).content.decode()
    assert 'lang="en"' in html and "年" not in html.split("<article")[1]


def test_an_expired_and_a_revoked_certificate_are_marked(client, certificate):
    client.force_login(certificate.person.user)
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    certificate.save()
    assert 'data-status="expired"' in page_of(client, certificate).content.decode()
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = "資料不實"
    certificate.save()
    assert 'data-status="revoked"' in page_of(client, certificate).content.decode()


def test_a_programme_without_a_signature_image_prints_the_name(client, certificate):
    certificate.programme.signature_image = None
    certificate.programme.save()
    client.force_login(certificate.person.user)
    html = page_of(client, certificate).content.decode()
    assert "data:image/png" not in html and "李大華" in html


def test_without_the_font_the_page_still_shows_and_the_pdf_says_why(
    client, certificate, settings, tmp_path
):
    settings.COURSES_CERTIFICATE_FONT = str(tmp_path / "missing.ttc")
    client.force_login(certificate.person.user)
    html = page_of(client, certificate).content.decode()
    assert font_url(client, html) is None and HOLDER_NAME in html
    client.raise_request_exception = True
    with pytest.raises(ImproperlyConfigured, match="COURSES_CERTIFICATE_FONT"):
        client.get(print_urls(certificate.code)["pdf"])
    warnings = [found for found in checks.run_checks() if found.id == "courses.W010"]
    assert len(warnings) == 1, "registered: Django's checks run it"
    assert "fonts-wqy-microhei" in warnings[0].hint


def test_the_check_is_quiet_with_the_font(db):
    assert check_certificate_font(None) == []


def test_the_qr_code_encodes_the_absolute_verification_address(client, certificate):
    client.force_login(certificate.person.user)
    html = page_of(client, certificate).content.decode()
    drawn = re.search(r'<svg class="certificate-qr".*?</svg>', html).group(0)
    expected = f"http://testserver/verify/{certificate.code}/"
    # segno is deterministic: the same address draws the same modules.
    path = re.compile(r' d="([^"]+)"')
    assert path.search(drawn).group(1) == path.search(qr_svg(expected, label="x")).group(1)
    assert path.search(drawn).group(1) != path.search(qr_svg(expected + "x", label="x")).group(1)
