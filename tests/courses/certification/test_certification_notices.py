"""Notices 60 and 14 days before a certificate expires, to the holder and their
line managers, in each one's language, each once."""

import datetime

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from courses.services.certification import expiry_notices_send
from courses.tasks import certificate_expiry_notices
from notifications.models import Notice

from .conftest import certify

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def expiring(trainee, programme):
    today = timezone.localdate()
    return certify(trainee, programme, issued=today - 600 * DAY, expires=today + 70 * DAY)


def texts(user):
    return list(Notice.objects.filter(recipient=user).values_list("text", flat=True))


def test_notices_at_60_and_14_days_each_once(expiring, trainee, manager, other_manager):
    today = timezone.localdate()
    assert expiry_notices_send(today=today) == 0  # 70 days ahead: not yet
    day60 = expiring.expires_on - 60 * DAY
    assert expiry_notices_send(today=day60) == 1
    assert expiry_notices_send(today=day60) == 0
    assert expiry_notices_send(today=day60 + 10 * DAY) == 0
    assert len(texts(trainee.user)) == 1 and len(texts(manager.user)) == 1
    assert texts(other_manager.user) == []  # not their person
    day14 = expiring.expires_on - 14 * DAY
    assert expiry_notices_send(today=day14) == 1
    assert expiry_notices_send(today=day14 + DAY) == 0
    assert len(texts(trainee.user)) == 2 and len(texts(manager.user)) == 2
    assert expiring.expires_on.isoformat() in texts(trainee.user)[0]
    assert trainee.name in texts(manager.user)[0]
    expiring.refresh_from_db()
    assert set(expiring.expiry_notices) == {"60", "14"}


def test_a_certificate_already_inside_14_days_gets_only_that_notice(trainee, programme):
    today = timezone.localdate()
    certify(trainee, programme, issued=today - 700 * DAY, expires=today + 10 * DAY)
    assert certificate_expiry_notices(today.isoformat()) == 1
    assert expiry_notices_send(today=today + DAY) == 0
    assert len(texts(trainee.user)) == 1


def test_revoked_renewed_and_expired_certificates_get_no_notice(trainee, programme, administrator):
    today = timezone.localdate()
    certify(
        trainee, programme, issued=today, expires=today + 10 * DAY, revoked_at=timezone.now(),
        revoked_by=administrator.user, revoke_reason="錯發",
    )  # fmt: skip
    old = certify(trainee, programme, issued=today - 700 * DAY, expires=today + 12 * DAY)
    certify(trainee, programme, issued=today, expires=today + 700 * DAY, renews=old)
    certify(trainee, programme, issued=today - 800 * DAY, expires=today - DAY)
    assert expiry_notices_send(today=today) == 0
    assert texts(trainee.user) == []


def test_each_reads_the_notice_in_their_own_language(expiring, trainee, manager, monkeypatch):
    """notice_send renders in the recipient's language: each is sent on its own."""
    from courses.services import certification

    languages = {}
    real = certification.notice_send

    def spy(*, recipient, **kwargs):
        from notifications.services import language_of

        languages[recipient.pk] = language_of(recipient)
        return real(recipient=recipient, **kwargs)

    monkeypatch.setattr(certification, "notice_send", spy)
    UserProfile.objects.create(user=manager.user, preferred_language="en")
    expiry_notices_send(today=expiring.expires_on - 14 * DAY)
    assert languages == {trainee.user.pk: "zh-hant", manager.user.pk: "en"}


def test_the_notices_run_every_morning():
    from courses.schedules import SCHEDULES

    [schedule] = [s for s in SCHEDULES if s["name"] == "courses.certificate_expiry_notices"]
    assert schedule["func"] == "courses.tasks.certificate_expiry_notices"
