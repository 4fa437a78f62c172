"""Revocation: by an administrator or a trainer of the programme, with a
reason, recorded (who, when, why, and in the audit log); revoked everywhere
from that moment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.services.certification import certificate_revoke

from .conftest import certify

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainee, programme):
    return certify(trainee, programme, issued=timezone.localdate())


@pytest.mark.parametrize("who", ["administrator", "trainer"])
def test_an_administrator_or_a_trainer_of_the_programme_revokes(who, certificate, request, client):
    user = request.getfixturevalue(who).user
    client.force_login(user)
    url = reverse("courses:certificate_revoke", args=[certificate.code])
    response = client.post(url, {"reason": "資格造假"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == user and certificate.revoke_reason == "資格造假"
    assert certificate.revoked_at is not None
    entry = ModelLogEntry.objects.get(action="courses.certificate_revoke")
    assert entry.user_id == user.pk and entry.data["reason"] == "資格造假"
    page = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert page.context["result"]["status"] == "revoked"


@pytest.mark.parametrize("who", ["trainee", "manager", "other_trainer"])
def test_nobody_else_revokes(who, certificate, request, client):
    client.force_login(request.getfixturevalue(who).user)
    url = reverse("courses:certificate_revoke", args=[certificate.code])
    response = client.post(url, {"reason": "不該"})
    assert response.status_code in (403, 404)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_reason_is_required_and_located(certificate, administrator, client):
    client.force_login(administrator.user)
    url = reverse("courses:certificate_revoke", args=[certificate.code])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert response.context["revoke_form"].errors["reason"]
    with pytest.raises(ValidationError) as error:
        certificate_revoke(by=administrator.user, certificate=certificate, reason="")
    assert "reason" in error.value.message_dict
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoking_twice_keeps_the_first_record(certificate, administrator, trainer):
    certificate_revoke(by=administrator.user, certificate=certificate, reason="第一次")
    certificate_revoke(by=trainer.user, certificate=certificate, reason="第二次")
    certificate.refresh_from_db()
    assert certificate.revoked_by == administrator.user and certificate.revoke_reason == "第一次"


def test_the_service_refuses_those_who_may_not(certificate, other_trainer):
    with pytest.raises(PermissionDenied):
        certificate_revoke(by=other_trainer.user, certificate=certificate, reason="x")


def test_revocation_by_get_is_refused(certificate, administrator, client):
    client.force_login(administrator.user)
    response = client.get(reverse("courses:certificate_revoke", args=[certificate.code]))
    assert response.status_code == 405


def test_the_revoke_form_shows_only_to_those_who_may(certificate, administrator, manager, client):
    client.force_login(manager.user)
    assert (
        client.get(reverse("courses:certificate", args=[certificate.code])).context["revoke_form"]
        is None
    )
    client.force_login(administrator.user)
    response = client.get(reverse("courses:certificate", args=[certificate.code]))
    assert response.context["revoke_form"] is not None


def test_revoked_shows_as_revoked_everywhere_from_that_moment(
    certificate, administrator, trainee, manager, client
):
    certificate_revoke(by=administrator.user, certificate=certificate, reason="資格造假")
    client.force_login(trainee.user)
    for url in (
        reverse("courses:my_certification"),
        reverse("courses:certificate", args=[certificate.code]),
        reverse("home"),
    ):
        assert 'data-status="revoked"' in client.get(url).content.decode(), url
    client.force_login(manager.user)
    html = client.get(reverse("people:record", args=[trainee.pk])).content.decode()
    assert 'data-status="revoked"' in html
    client.logout()
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert response.context["result"]["status"] == "revoked"
