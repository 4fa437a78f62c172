"""Programmes and certificates: progress requirement by requirement, issue when
met (once, in the background after a completion or an exam), codes."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from courses.certificate_codes import ALPHABET, code_display, code_new, code_normalise
from courses.models import Certificate, CoursePage, ProgrammeEnrolment
from courses.selectors.certification import progress_of
from courses.services.certification import programme_enrol
from courses.signals import course_completed
from notifications.models import Notice
from people.roles import Role

from .conftest import check, complete, qualify, sit

pytestmark = pytest.mark.django_db


def enrol(person, programme):
    return ProgrammeEnrolment.objects.create(
        programme=programme, person=person, enrolled_at=timezone.now()
    )


def test_progress_names_each_requirement_and_what_is_missing(
    trainee, programme, required_course, elective, exam
):
    enrol(trainee, programme)
    progress = progress_of(programme, trainee)
    assert [(r.kind, r.met) for r in progress.requirements] == [
        ("course", False),
        ("exam", False),
        ("hours", False),
    ]
    complete(trainee, required_course)
    sit(trainee, exam, 0.7)
    with translation.override("en"):
        progress = progress_of(programme, trainee)
    assert [r.met for r in progress.requirements] == [True, False, False]
    assert "70%" in progress.requirements[1].detail and "80%" in progress.requirements[1].detail
    # The required course's hours do not count towards the elective hours.
    assert progress.requirements[2].detail.startswith("0 ")
    complete(trainee, elective)
    assert progress_of(programme, trainee).requirements[2].met
    assert not progress_of(programme, trainee).met


def test_nothing_is_issued_before_every_requirement_is_met(
    trainee, programme, required_course, exam
):
    enrol(trainee, programme)
    complete(trainee, required_course)
    sit(trainee, exam, 0.95)
    assert check(trainee) == []
    assert not Certificate.objects.exists()


def test_meeting_the_requirements_issues_one_certificate(
    trainee, programme, required_course, elective, exam
):
    enrol(trainee, programme)
    qualify(trainee, programme, required_course=required_course, elective=elective, exam=exam)
    today = timezone.localdate()
    [certificate] = check(trainee)
    assert certificate.holder_name == trainee.name
    assert certificate.expires_on == today.replace(year=today.year + 2)
    assert certificate.renews is None
    assert [r["kind"] for r in certificate.basis["requirements"]] == ["course", "exam", "hours"]
    assert check(trainee) == []  # checking again issues nothing more
    assert Certificate.objects.count() == 1
    notice = Notice.objects.get(recipient=trainee.user)
    assert notice.link == f"/learning/certificates/{certificate.code}/"


def test_a_completion_issues_the_certificate_in_the_background_at_once(
    trainee, programme, required_course, elective, exam, django_capture_on_commit_callbacks
):
    enrol(trainee, programme)
    sit(trainee, exam, 0.9)
    complete(trainee, elective)
    complete(trainee, required_course)
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=CoursePage, person_id=trainee.pk, course_id=required_course.pk)
    assert Certificate.objects.filter(person=trainee, programme=programme).count() == 1


def test_an_exam_passed_issues_it_through_the_attempt_signal(
    trainee, programme, required_course, elective, exam, django_capture_on_commit_callbacks
):
    from quizzes.signals import ATTEMPT, attempt_finished

    enrol(trainee, programme)
    complete(trainee, required_course)
    complete(trainee, elective)
    attempt = sit(trainee, exam, 0.85)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_finished.send(
            sender=ATTEMPT, attempt_id=attempt.pk, person_id=trainee.pk, drill_id=exam.pk,
            score=0.85, passed=True,
        )  # fmt: skip
    assert Certificate.objects.filter(person=trainee).count() == 1


def test_people_not_enrolled_get_nothing(trainee, programme, required_course, elective, exam):
    qualify(trainee, programme, required_course=required_course, elective=elective, exam=exam)
    assert check(trainee) == []


def test_enrolment_is_for_the_roles_the_programme_names(trainee, manager, programme):
    programme.eligible_roles = [Role.MANAGER]
    programme.save()
    with pytest.raises(PermissionDenied):
        programme_enrol(by=trainee.user, programme=programme, person=trainee)
    programme_enrol(by=manager.user, programme=programme, person=manager)
    assert ProgrammeEnrolment.objects.filter(person=manager).exists()


def test_nobody_enrols_someone_else_or_in_a_closed_programme(trainee, manager, programme):
    with pytest.raises(PermissionDenied):
        programme_enrol(by=manager.user, programme=programme, person=trainee)
    programme.active = False
    programme.save()
    with pytest.raises(PermissionDenied):
        programme_enrol(by=trainee.user, programme=programme, person=trainee)


def test_codes_are_long_random_and_without_look_alikes():
    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 20 and set(code) <= set(ALPHABET)
    assert not set("01IO") & set(ALPHABET)
    code = code_new()
    assert re.fullmatch(r"(\w{4}-){4}\w{4}", code_display(code))
    assert code_normalise(code_display(code).lower()) == code


def test_certificate_without_expiry_is_held_for_good(
    trainee, programme, required_course, elective, exam
):
    programme.validity_months = None
    programme.save()
    enrol(trainee, programme)
    qualify(trainee, programme, required_course=required_course, elective=elective, exam=exam)
    [certificate] = check(trainee)
    assert certificate.expires_on is None
    assert progress_of(programme, trainee).stage == "held"
    later = timezone.localdate() + datetime.timedelta(days=4000)
    assert check(trainee, today=later) == []
