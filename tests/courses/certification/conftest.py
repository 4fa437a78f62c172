"""Factories of certification: a programme (a required course, an elective,
the exam), its people in every role, and helpers that complete courses, pass
exams and issue certificates on chosen days."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Certificate, CertificationProgramme, CoursePage, Enrollment
from courses.services.certification import certification_check
from people.roles import Role
from quizzes.models import Attempt
from tests.factories import PersonFactory, drill_make, question_make


@pytest.fixture(autouse=True)
def _print_routes(settings):
    """The certificate page links to the print feature's routes by name."""
    settings.ROOT_URLCONF = "tests.courses.certification.urls"


@pytest.fixture
def other_trainer(org):
    """A trainer of no programme here."""
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def exam(db):
    return drill_make([question_make(stem="可疑交易報告的時限？")], title="反洗錢考試")


def course_make(catalogue, slug, title, hours):
    return catalogue.add_child(
        instance=CoursePage(
            title=title, slug=slug, ce_hours=hours, objectives="學會", audience="客戶經理"
        )
    )


@pytest.fixture
def required_course(catalogue):
    return course_make(catalogue, "aml-basics", "反洗錢基礎", 2)


@pytest.fixture
def elective(catalogue):
    return course_make(catalogue, "kyc", "認識你的客戶", 3)


@pytest.fixture
def programme(required_course, exam, trainer):
    programme = CertificationProgramme.objects.create(
        name="反洗錢資格認證",
        code="aml-2y",
        exam_drill=exam,
        pass_mark=80,
        ce_hours_required=3,
        validity_months=24,
        renewal_exam=True,
        renewal_window_days=90,
    )
    programme.required_courses.add(required_course)
    programme.trainers.add(trainer.user)
    return programme


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def complete(person, course, when=None):
    when = when or timezone.now()
    Enrollment.objects.update_or_create(
        person=person, course=course, defaults={"enrolled_at": when, "completed_at": when}
    )


def sit(person, drill, score, when=None):
    when = when or timezone.now()
    return Attempt.objects.create(
        drill=drill, person=person, status="finished", started_at=when, finished_at=when,
        score=score, passed=score >= 0.8,
    )  # fmt: skip


def qualify(person, programme, *, required_course, elective, exam, when=None):
    complete(person, required_course, when)
    complete(person, elective, when)
    sit(person, exam, 0.9, when)


def certify(person, programme, *, issued: datetime.date, expires=None, **fields):
    """A certificate issued on a chosen day (straight in the table, for states)."""
    from courses.certificate_codes import code_new

    return Certificate.objects.create(
        programme=programme,
        person=person,
        code=code_new(),
        holder_name=person.name,
        language="zh-hant",
        issued_at=at(issued),
        expires_on=expires,
        **fields,
    )


def check(person, **kwargs):
    return certification_check(person_id=person.pk, **kwargs)
