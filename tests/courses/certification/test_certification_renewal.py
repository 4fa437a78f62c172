"""Renewal: within the window before expiry, or after it, meeting the renewal
requirements issues a new certificate that renews the old one, which stays in
the history; a revoked certificate is earned again only by new work."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Certificate, Enrollment, ProgrammeEnrolment
from courses.selectors.certificates import certificate_status
from courses.selectors.certification import certificate_history, progress_of

from .conftest import at, certify, check, complete, sit

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def holder(trainee, programme):
    """Certified two years ago less 30 days: expires in 30 days."""
    today = timezone.localdate()
    ProgrammeEnrolment.objects.create(programme=programme, person=trainee, enrolled_at=at(today))
    old = certify(
        trainee, programme, issued=today - datetime.timedelta(days=700), expires=today + 30 * DAY
    )
    return trainee, old


def test_the_renewal_asks_for_the_exam_again_since_the_certificate(holder, programme, exam):
    person, old = holder
    sit(person, exam, 0.95, old.issued_at - DAY)  # before the certificate: does not count
    progress = progress_of(programme, person)
    assert progress.stage == "renewal"
    assert [(r.kind, r.met) for r in progress.requirements] == [("exam", False)]
    assert check(person) == []


def test_renewal_keeps_the_old_certificate_in_the_history(holder, programme, exam):
    person, old = holder
    sit(person, exam, 0.9)
    [new] = check(person)
    assert new.renews == old
    # Renewed early: the new validity starts at the old expiry, no day lost.
    assert new.expires_on == old.expires_on.replace(year=old.expires_on.year + 2)
    old.refresh_from_db()
    assert certificate_status(old) == "valid"  # untouched: valid to its own end
    assert [c.pk for c in certificate_history(new)] == [new.pk, old.pk]
    assert check(person) == []  # the renewal's own renewal is not open yet


def test_renewal_opens_only_within_the_window(holder, programme, exam):
    person, old = holder
    sit(person, exam, 0.9)
    early = old.expires_on - datetime.timedelta(days=programme.renewal_window_days + 1)
    assert check(person, today=early) == []
    assert len(check(person, today=early + DAY)) == 1


def test_an_expired_certificate_is_renewed_from_the_day_of_renewal(holder, programme, exam):
    person, old = holder
    later = old.expires_on + 10 * DAY
    assert certificate_status(old, today=later) == "expired"
    sit(person, exam, 0.9, at(later))
    [new] = check(person, today=later, now=at(later, 12))
    assert new.renews == old and new.expires_on == later.replace(year=later.year + 2)
    assert Certificate.objects.filter(person=person).count() == 2


def test_renewal_by_continuing_education_hours(holder, programme, elective, required_course):
    person, old = holder
    programme.renewal_exam = False
    programme.renewal_ce_hours = 4
    programme.save()
    complete(person, elective)  # 3 hours
    assert check(person) == []
    complete(person, required_course)  # 2 more: every course counts for a renewal
    [new] = check(person)
    assert new.renews == old


def test_a_course_taken_again_since_the_certificate_counts_for_renewal(holder, programme, elective):
    person, old = holder
    programme.renewal_exam = False
    programme.renewal_ce_hours = 3
    programme.save()
    complete(person, elective, old.issued_at - DAY)  # first taken before the certificate
    assert check(person) == []
    Enrollment.objects.filter(person=person, course=elective).update(retaken_at=timezone.now())
    [new] = check(person)
    assert new.renews == old


def test_after_revocation_the_certificate_is_earned_again_only_by_new_work(
    trainee, programme, required_course, elective, exam, administrator
):
    from courses.services.certification import certificate_revoke

    ProgrammeEnrolment.objects.create(
        programme=programme, person=trainee, enrolled_at=at(timezone.localdate())
    )
    yesterday = timezone.now() - DAY
    complete(trainee, required_course, yesterday)
    complete(trainee, elective, yesterday)
    sit(trainee, exam, 0.9, yesterday)
    [first] = check(trainee)
    certificate_revoke(by=administrator.user, certificate=first, reason="考試舞弊")
    assert check(trainee) == []  # revocation is not undone by the old work
    progress = progress_of(programme, trainee)
    assert progress.stage == "initial" and not progress.met
    later = timezone.now() + datetime.timedelta(minutes=5)
    complete(trainee, required_course, later)
    complete(trainee, elective, later)
    sit(trainee, exam, 0.9, later)
    [second] = check(trainee, now=later)
    assert second.renews is None and second.pk != first.pk
