"""Reads of certification: who may enrol in which programme, each person's
progress towards it requirement by requirement, and the lists of the pages.
Who may see a certificate is decided in courses.selectors.certificates.

A person's stage in a programme follows their latest certificate of it:

- none: the programme's requirements (initial);
- revoked: the same requirements, met again since the revocation;
- valid or expired, with an expiry: the renewal requirements, met since it was
  issued; renewing opens `renewal_window_days` before the expiry and stays open
  after it;
- valid without expiry: held, nothing more to do.
"""

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from people.roles import Role
from people.selectors import people_managed_by, user_roles
from quizzes.selectors.exam_scores import exam_attempts_of

from ..models import Certificate, CertificationProgramme, CoursePage, Enrollment, ProgrammeEnrolment
from .certificates import CertificateStatus, certificate_status


class Stage:
    INITIAL = "initial"
    RENEWAL = "renewal"
    HELD = "held"


@dataclass
class Requirement:
    kind: str  # course, exam, hours
    label: str
    met: bool
    detail: str = ""
    course_id: int | None = None


@dataclass
class Progress:
    programme: CertificationProgramme
    person_id: int
    stage: str
    requirements: list[Requirement] = field(default_factory=list)
    current: Certificate | None = None  # the latest certificate, if any
    renewal_opens_on: date | None = None
    since: datetime | None = None

    @property
    def met(self) -> bool:
        """Every requirement met; a programme without requirements is never met
        by itself (the admin form asks for at least one)."""
        return bool(self.requirements) and all(r.met for r in self.requirements)

    @property
    def done(self) -> int:
        return sum(r.met for r in self.requirements)

    @property
    def total(self) -> int:
        return len(self.requirements)

    def issuable(self, today: date) -> bool:
        if not self.met or self.stage == Stage.HELD:
            return False
        return self.stage == Stage.INITIAL or today >= self.renewal_opens_on

    @property
    def current_status(self) -> str | None:
        return certificate_status(self.current) if self.current else None

    @property
    def current_status_label(self) -> str:
        status = self.current_status
        return CertificateStatus(status).label if status else ""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def expiry_for(programme: CertificationProgramme, start: date) -> date | None:
    if not programme.validity_months:
        return None
    return add_months(start, programme.validity_months)


def programme_open_to(programme: CertificationProgramme, user) -> bool:
    """Open for enrolment, to the roles it names (none named: everyone)."""
    if not programme.active or not user.is_authenticated:
        return False
    if not programme.eligible_roles:
        return True
    return bool({str(role) for role in user_roles(user)} & set(programme.eligible_roles))


def programmes_with_requirements() -> QuerySet[CertificationProgramme]:
    return CertificationProgramme.objects.select_related("exam_drill").prefetch_related(
        Prefetch(
            "required_courses",
            queryset=CoursePage.objects.only("pk", "title", "url_path").order_by("title"),
        )
    )


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


def _requirements(programme, stage, since, completions, attempts) -> list[Requirement]:
    """The requirements of one stage, each met or not, from the person's facts
    (completions: [(course id, completed at, hours)]; attempts: [(score, at)])."""
    done = [(cid, at, hours) for cid, at, hours in completions if since is None or at >= since]
    done_ids = {cid: at for cid, at, _hours_ in done}
    found = []
    if stage == Stage.INITIAL:
        for course in programme.required_courses.all():
            at = done_ids.get(course.pk)
            found.append(
                Requirement(
                    "course",
                    course.title,
                    at is not None,
                    _("completed on %(day)s") % {"day": timezone.localdate(at).isoformat()}
                    if at
                    else _("not completed yet"),
                    course_id=course.pk,
                )
            )
    exam_needed = programme.exam_drill_id and (stage == Stage.INITIAL or programme.renewal_exam)
    if exam_needed:
        counted = [(s, at) for s, at in attempts if since is None or at >= since]
        best = max((s for s, _at in counted), default=None)
        passed = any(s * 100 >= programme.pass_mark - 1e-9 for s, _at in counted)
        detail = (
            _("best score %(best)d%%, pass mark %(mark)d%%")
            % {"best": round(best * 100), "mark": programme.pass_mark}
            if best is not None
            else _("not taken yet; pass mark %(mark)d%%") % {"mark": programme.pass_mark}
        )
        found.append(Requirement("exam", programme.exam_drill.title, passed, detail))
    needed = programme.ce_hours_required if stage == Stage.INITIAL else programme.renewal_ce_hours
    if needed:
        required_ids = (
            {c.pk for c in programme.required_courses.all()} if stage == Stage.INITIAL else set()
        )
        hours = sum(
            (h or Decimal(0) for cid, _at, h in done if cid not in required_ids), Decimal(0)
        )
        found.append(
            Requirement(
                "hours",
                _("Continuing-education hours"),
                hours >= needed,
                _("%(hours)s of %(needed)s hours")
                % {"hours": _hours(hours), "needed": _hours(needed)},
            )
        )
    return found


def progress_for(
    programmes, person_ids, *, today: date | None = None
) -> dict[tuple[int, int], Progress]:
    """{(programme id, person id): Progress} for every pair, in four queries
    whatever the numbers (programmes come from programmes_with_requirements)."""
    today = today or timezone.localdate()
    programmes, person_ids = list(programmes), list(person_ids)
    if not programmes or not person_ids:
        return {}
    latest: dict[tuple[int, int], Certificate] = {}
    for certificate in Certificate.objects.filter(
        programme__in=[p.pk for p in programmes], person_id__in=person_ids
    ).order_by("issued_at", "pk"):
        latest[(certificate.programme_id, certificate.person_id)] = certificate
    completions = defaultdict(list)
    # A course counts at its latest completion: a retake (Enrollment.retaken_at)
    # counts towards a renewal like a first completion.
    rows = (
        Enrollment.objects.filter(person_id__in=person_ids, completed_at__isnull=False)
        .annotate(last_done=Coalesce("retaken_at", "completed_at"))
        .values_list("person_id", "course_id", "last_done", "course__ce_hours")
    )
    for person_id, course_id, at, hours in rows:
        completions[person_id].append((course_id, at, hours))
    drill_ids = {p.exam_drill_id for p in programmes if p.exam_drill_id}
    attempts = exam_attempts_of(drill_ids=drill_ids, person_ids=person_ids) if drill_ids else {}
    found = {}
    for programme in programmes:
        for person_id in person_ids:
            current = latest.get((programme.pk, person_id))
            progress = _progress(programme, person_id, current)
            progress.requirements = (
                []
                if progress.stage == Stage.HELD
                else _requirements(
                    programme,
                    progress.stage,
                    progress.since,
                    completions.get(person_id, []),
                    attempts.get((person_id, programme.exam_drill_id), []),
                )
            )
            found[(programme.pk, person_id)] = progress
    return found


def _progress(programme, person_id, current) -> Progress:
    if current is None:
        return Progress(programme, person_id, Stage.INITIAL)
    if current.revoked_at is not None:
        return Progress(
            programme, person_id, Stage.INITIAL, current=current, since=current.revoked_at
        )
    if current.expires_on is None:
        return Progress(programme, person_id, Stage.HELD, current=current)
    opens = current.expires_on - timedelta(days=programme.renewal_window_days)
    return Progress(
        programme,
        person_id,
        Stage.RENEWAL,
        current=current,
        renewal_opens_on=opens,
        since=current.issued_at,
    )


def progress_of(programme, person, *, today: date | None = None) -> Progress:
    programme = programmes_with_requirements().get(pk=programme.pk)
    return progress_for([programme], [person.pk], today=today)[(programme.pk, person.pk)]


# --- the trainee's page ----------------------------------------------------------


def programmes_of_person(person) -> QuerySet[CertificationProgramme]:
    """The programmes the person is enrolled in or holds a certificate of."""
    return (
        programmes_with_requirements()
        .filter(Q(enrolments__person=person) | Q(certificates__person=person))
        .distinct()
    )


def programmes_open_to(user, person) -> list[CertificationProgramme]:
    """Programmes the person may enrol in and is not in yet."""
    taken = ProgrammeEnrolment.objects.filter(person=person).values("programme_id")
    candidates = CertificationProgramme.objects.filter(active=True).exclude(pk__in=taken)
    return [p for p in candidates if programme_open_to(p, user)]


def certificates_of(person) -> QuerySet[Certificate]:
    """Every certificate of the person, newest first, revoked and renewed ones too."""
    return Certificate.objects.filter(person=person).select_related("programme", "renews")


def with_status(certificates, *, today: date | None = None) -> list[Certificate]:
    """The certificates with `status` and `status_label` set (certificate_status)."""
    today = today or timezone.localdate()
    certificates = list(certificates)
    for certificate in certificates:
        certificate.status = certificate_status(certificate, today=today)
        certificate.status_label = CertificateStatus(certificate.status).label
    return certificates


def certificate_history(certificate: Certificate) -> list[Certificate]:
    """Every certificate of the same holder and programme, newest first: the
    chain of renewals and any earlier or later certificate."""
    return with_status(
        Certificate.objects.filter(
            person_id=certificate.person_id, programme_id=certificate.programme_id
        ).select_related("programme", "renews", "revoked_by")
    )


# --- the manager's page ----------------------------------------------------------


def may_follow_certification(user) -> bool:
    """Managers and administrators see their people's certification."""
    roles = user_roles(user)
    return Role.MANAGER in roles or Role.ADMINISTRATOR in roles


def certification_people(user, *, programme_id: int | None = None) -> QuerySet[ProgrammeEnrolment]:
    """The enrolments of the people `user` manages (people.selectors), by
    programme then unit and name."""
    enrolments = ProgrammeEnrolment.objects.filter(
        person__in=people_managed_by(user).values("pk")
    ).select_related("programme", "person__unit")
    if programme_id:
        enrolments = enrolments.filter(programme_id=programme_id)
    return enrolments.order_by("programme__name", "person__unit__path", "person__name", "pk")


def certification_rows(enrolments, *, today: date | None = None) -> list[ProgrammeEnrolment]:
    """Each enrolment with its `progress` (and the latest certificate's status),
    in a constant number of queries."""
    today = today or timezone.localdate()
    enrolments = list(enrolments)
    programme_ids = {e.programme_id for e in enrolments}
    programmes = list(programmes_with_requirements().filter(pk__in=programme_ids))
    by_id = {p.pk: p for p in programmes}
    progress = progress_for(programmes, {e.person_id for e in enrolments}, today=today)
    for enrolment in enrolments:
        enrolment.programme = by_id[enrolment.programme_id]
        enrolment.progress = progress[(enrolment.programme_id, enrolment.person_id)]
        current = enrolment.progress.current
        enrolment.status = certificate_status(current, today=today) if current else None
        enrolment.status_label = CertificateStatus(enrolment.status).label if current else ""
    return enrolments


def programmes_in_scope_of(user) -> QuerySet[CertificationProgramme]:
    """The programmes any of the user's people are enrolled in (for the filter)."""
    return CertificationProgramme.objects.filter(
        enrolments__person__in=people_managed_by(user).values("pk")
    ).distinct()


# --- expiry ----------------------------------------------------------------------


def certificates_expiring(*, today: date, within_days: int) -> QuerySet[Certificate]:
    """Certificates not revoked that expire between today and `within_days`
    ahead and have no renewal (a later certificate of the same chain) yet."""
    renewed = Certificate.objects.filter(renews__isnull=False, revoked_at__isnull=True).values(
        "renews_id"
    )
    return (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=within_days),
        )
        .exclude(pk__in=renewed)
        .select_related("programme", "person__user", "person__unit")
    )
