"""The public verification page: valid, expired, revoked and unknown codes,
only the status, the holder's name, the programme and the dates; unknown
codes are limited per client address, known ones always answered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.certificate_codes import code_display, code_new

from .conftest import certify

pytestmark = pytest.mark.django_db


def verify(client, code, **extra):
    return client.get(reverse("certificate_verify", args=[code]), **extra)


@pytest.fixture
def certificates(trainee, programme, administrator):
    today = timezone.localdate()
    return {
        "valid": certify(trainee, programme, issued=today, expires=today + datetime.timedelta(days=700)),
        "expired": certify(
            trainee, programme, issued=today - datetime.timedelta(days=800),
            expires=today - datetime.timedelta(days=1),
        ),
        "revoked": certify(
            trainee, programme, issued=today, revoked_at=timezone.now(),
            revoked_by=administrator.user, revoke_reason="考試舞弊",
        ),
    }  # fmt: skip


@pytest.mark.parametrize("status", ["valid", "expired", "revoked"])
def test_a_known_code_says_its_status_to_anyone(status, certificates, trainee, client):
    certificate = certificates[status]
    response = verify(client, certificate.code)
    assert response.status_code == 200
    result = response.context["result"]
    assert result["status"] == status
    assert result["holder_name"] == trainee.name
    assert result["programme"] == "反洗錢資格認證"
    assert set(result) == {
        "status", "status_label", "holder_name", "programme", "issued_on", "expires_on",
        "revoked_on", "code",
    }  # fmt: skip
    html = response.content.decode()
    assert trainee.name in html and "反洗錢資格認證" in html
    # Nothing else of the person or the certificate: no unit, no reason, no record.
    assert trainee.unit.name not in html and "考試舞弊" not in html
    assert trainee.employee_id not in html
    assert reverse("people:record", args=[trainee.pk]) not in html


def test_an_unknown_code_answers_404_with_the_same_page(client, certificates):
    response = verify(client, code_new())
    assert response.status_code == 404
    assert response.context["unknown"] and "result" not in response.context
    assert response.templates[0].name == "courses/certification/verify.html"


def test_a_code_typed_with_dashes_and_lower_case_is_found(client, certificates):
    code = certificates["valid"].code
    response = client.get(reverse("certificate_verify_form"), {"code": code_display(code).lower()})
    assert response.status_code == 302 and response.url == reverse(
        "certificate_verify", args=[code]
    )
    response = verify(client, code_display(code))
    assert response.status_code == 302 and response.url.endswith(f"/{code}/")


def test_the_form_says_what_is_wrong_with_a_malformed_code(client):
    response = client.get(reverse("certificate_verify_form"), {"code": "abc"})
    assert response.status_code == 400 and response.context["form"].errors["code"]
    assert client.get(reverse("certificate_verify_form")).status_code == 200


def test_unknown_codes_are_limited_per_address_and_known_ones_stay_reachable(
    client, certificates, settings
):
    settings.COURSES_VERIFY_UNKNOWN_LIMIT = (3, 600)
    for _ in range(3):
        assert verify(client, code_new()).status_code == 404
    limited = verify(client, code_new())
    assert limited.status_code == 429
    assert limited.context["limited"]  # the message the page shows
    assert verify(client, certificates["valid"].code).status_code == 200
    # Another address is not limited.
    assert verify(client, code_new(), REMOTE_ADDR="10.0.0.9").status_code == 404


def test_behind_a_proxy_the_limit_is_per_forwarded_address(client, settings):
    """The host names the address it trusts (COURSES_CLIENT_ADDRESS): behind one
    proxy, the address that proxy saw, not the proxy's own."""
    settings.COURSES_VERIFY_UNKNOWN_LIMIT = (2, 600)
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    for _ in range(2):
        assert (
            verify(client, code_new(), HTTP_X_FORWARDED_FOR="1.2.3.4", **proxy).status_code == 404
        )
    limited = verify(client, code_new(), HTTP_X_FORWARDED_FOR="1.2.3.4", **proxy)
    assert limited.status_code == 429
    other = verify(client, code_new(), HTTP_X_FORWARDED_FOR="5.6.7.8", **proxy)
    assert other.status_code == 404


def test_the_certificate_page_links_to_the_public_page(client, certificates, trainee):
    client.force_login(trainee.user)
    code = certificates["valid"].code
    html = client.get(reverse("courses:certificate", args=[code])).content.decode()
    assert reverse("certificate_verify", args=[code]) in html


def test_verification_needs_few_queries(client, certificates, django_assert_max_num_queries):
    for status in ("valid", "expired", "revoked"):
        with django_assert_max_num_queries(6):
            assert verify(client, certificates[status].code).status_code == 200
    with django_assert_max_num_queries(6):
        assert verify(client, code_new()).status_code == 404
