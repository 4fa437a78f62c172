"""Demo certification: the programme 反洗錢資格認證 (anti-money laundering, two
years), kept by the demo trainer, with the 浦東對公團隊's holders in every
state: one valid, one expiring within 14 days, one expired, one revoked; the
demo trainee enrolled and half-way. Dates are days from the day the demo is
built. build() adds only what is missing (the programme by its code, a
certificate by holder), so running it again changes nothing; clear() removes
the programme with its enrolments and certificates."""

from datetime import timedelta

from django.utils import timezone

from courses.certificate_codes import code_new
from courses.models import (
    Certificate,
    CertificationProgramme,
    CoursePage,
    Enrollment,
    ProgrammeEnrolment,
)
from courses.services import enrollment_create
from people.models import Person
from quizzes.selectors.plan_drills import drills_open

CODE = "demo-aml-2y"
TRAINER = "D0005"
TRAINEE = "D0015"
# (employee id, issued: days ago, valid for months, revoked: the reason or "")
HOLDERS = [
    ("D0101", 200, 24, ""),  # valid
    ("D0104", 720, 24, ""),  # expires within 14 days (two years less ten days ago)
    ("D0102", 760, 24, ""),  # expired a month ago
    ("D0103", 60, 24, "考試由他人代答，經合規部查實。"),  # revoked
]


def _programme():
    programme, created = CertificationProgramme.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "反洗錢資格認證",
            "description": "客戶經理上崗必備：**存款產品**課程、反洗錢考試 80 分以上。"
            "有效期兩年，到期前重考續證。",
            "exam_drill": drills_open().filter(title="反洗錢必知").first(),
            "pass_mark": 80,
            "ce_hours_required": 0,
            "validity_months": 24,
            "renewal_exam": True,
            "renewal_window_days": 90,
            "signatory_name": "周文華",
            "signatory_title": "培訓管理員",
        },
    )
    if created:
        course = CoursePage.objects.filter(slug="deposit-products").first()
        if course is not None:
            programme.required_courses.add(course)
        trainer = Person.objects.filter(employee_id=TRAINER).first()
        if trainer is not None:
            programme.trainers.add(trainer.user)
    return programme, created


def _months_after(day, months):
    from courses.selectors.certification import add_months

    return add_months(day, months)


def build(*, log=print) -> None:
    programme, created = _programme()
    now, today = timezone.now(), timezone.localdate()
    trainer = Person.objects.filter(employee_id=TRAINER).select_related("user").first()
    added = 0
    for employee_id, days_ago, months, reason in HOLDERS:
        person = Person.objects.filter(employee_id=employee_id).first()
        if (
            person is None
            or Certificate.objects.filter(programme=programme, person=person).exists()
        ):
            continue
        issued = now - timedelta(days=days_ago)
        ProgrammeEnrolment.objects.get_or_create(
            programme=programme,
            person=person,
            defaults={"enrolled_at": issued - timedelta(days=30)},
        )
        Certificate.objects.create(
            programme=programme,
            person=person,
            code=code_new(),
            holder_name=person.name,
            language="zh-hant",
            issued_at=issued,
            expires_on=_months_after(timezone.localdate(issued), months),
            basis={"stage": "initial", "requirements": []},
            revoked_at=now - timedelta(days=3) if reason else None,
            revoked_by=trainer.user if reason and trainer else None,
            revoke_reason=reason,
        )
        added += 1
    trainee = Person.objects.filter(employee_id=TRAINEE).first()
    if trainee is not None:
        ProgrammeEnrolment.objects.get_or_create(
            programme=programme, person=trainee, defaults={"enrolled_at": now - timedelta(days=10)}
        )
        # Half-way: the required course done, the exam still to pass.
        for course in programme.required_courses.all():
            enrollment_create(person=trainee, course=course, require_prerequisites=False, now=now)
            Enrollment.objects.filter(
                person=trainee, course=course, completed_at__isnull=True
            ).update(completed_at=now - timedelta(days=2))
    log(
        f"courses: certification programme {'added' if created else 'kept'}, "
        f"{added} certificates added (/learning/certification/, today {today})."
    )


def clear(*, log=print) -> None:
    removed = 0
    for programme in CertificationProgramme.objects.filter(code=CODE):
        # Renewals point back at what they renew (PROTECT): the newest go first.
        for certificate in programme.certificates.order_by("-issued_at", "-pk"):
            certificate.delete()
            removed += 1
        programme.enrolments.all().delete()
        programme.delete()
    log(f"courses: demo certification removed ({removed} certificates).")
