"""The PDF: its text read back (the holder's name in Chinese, the programme,
the code), the font embedded as a subset with a ToUnicode map, the holder's
language, the REVOKED and EXPIRED marks, each design."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from courses.models.certification import CertificateTemplate

from .conftest import HOLDER_NAME, PROGRAMME_NAME, print_urls

pytestmark = pytest.mark.django_db


def pdf_of(client, certificate):
    response = client.get(print_urls(certificate.code)["pdf"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("design", CertificateTemplate.values)
def test_the_pdf_text_reads_back_with_the_chinese_name_in_each_design(client, certificate, design):
    certificate.programme.template = design
    certificate.programme.save()
    client.force_login(certificate.person.user)
    reader = pdf_of(client, certificate)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height), "A4 landscape"
    text = text_of(reader)
    assert HOLDER_NAME in text
    assert PROGRAMME_NAME in text
    assert "李大華" in text and "培訓中心主任" in text
    code = certificate.code
    assert f"{code[:4]} {code[4:8]} {code[8:]}" in text, "the code in groups of four"
    assert f"http://testserver/verify/{code}/" in text, "the absolute verification address"


def test_the_font_is_embedded_as_a_subset_with_a_unicode_map(client, certificate):
    client.force_login(certificate.person.user)
    page = pdf_of(client, certificate).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert len(fonts) == 1
    font = fonts[0]
    # A subset's name starts with six capitals and "+" (PDF 32000, 9.6.4).
    prefix, _, name = str(font["/BaseFont"]).lstrip("/").partition("+")
    assert len(prefix) == 6 and prefix.isupper() and "WenQuanYi" in name
    assert "/ToUnicode" in font, "without it the Chinese text cannot be searched or copied"
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    embedded = descriptor["/FontFile2"].get_object().get_data()
    assert 1000 < len(embedded) < 200_000, "a few glyphs, not the 5 MB font"


def test_the_signature_is_in_the_pdf(client, certificate):
    client.force_login(certificate.person.user)
    page = pdf_of(client, certificate).pages[0]
    assert len(page.images) == 1


def test_the_pdf_is_in_the_holders_language_not_the_readers(client, certificate, manager):
    certificate.language = "en"
    certificate.save()
    client.force_login(manager.user)
    client.cookies["django_language"] = "zh-hant"
    text = text_of(pdf_of(client, certificate))
    issued = timezone.localdate(certificate.issued_at)
    assert issued.strftime("%Y") in text and "年" not in text, "English dates, not 年月日"
    certificate.language = "zh-hant"
    certificate.save()
    text = text_of(pdf_of(client, certificate))
    assert f"{issued.year}年{issued.month}月{issued.day}日" in text


def test_a_revoked_and_an_expired_certificate_say_so(client, certificate):
    certificate.language = "en"  # the marks' words as written, whatever the catalogs say
    certificate.save()
    client.force_login(certificate.person.user)
    assert "REVOKED" not in text_of(pdf_of(client, certificate))
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    certificate.save()
    assert "EXPIRED" in text_of(pdf_of(client, certificate))
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = "資料不實"
    certificate.save()
    text = text_of(pdf_of(client, certificate))
    assert "REVOKED" in text and "EXPIRED" not in text
