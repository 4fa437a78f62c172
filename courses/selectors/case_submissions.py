"""Reads of 兩案例, the cases customer managers submit. Access is decided here
for every door (the pages, the review queue, the summary and its exports, the
attachments' files):

- a draft is its author's alone;
- once submitted, a case is read by its author, by the managers whose scope
  holds the author (people.selectors.people_managed_by), by trainers and by
  administrators;
- trainers and administrators review: they comment, send back and accept.

A case counts towards the month of its first submission (`month`, in the
site's time zone), kept through being sent back and resubmitted. Who is
expected to write cases: the people with the trainee role.
"""

import functools
from dataclasses import dataclass
from datetime import date

from django.db import connections, router
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from people.models import OrgUnit, Person
from people.roles import Role
from people.selectors import (
    holds_role,
    people_managed_by,
    person_for_user,
    sees_everyone,
    subtree_q,
    units_visible_to,
    user_has_role,
)
from rowsql import cursor as cursor_for

from ..conf import courses_settings
from ..models import CaseSubmission, CoursePage, SubmissionAttachment, SubmissionStatus

COUNTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED]


# --- months ------------------------------------------------------------------------------


def month_of(moment) -> date:
    """The first day of the month `moment` falls in, in the site's time zone."""
    return timezone.localtime(moment).date().replace(day=1)


def this_month(now=None) -> date:
    return month_of(now or timezone.now())


def month_parse(text: str | None) -> date | None:
    """'2026-11' as the first of that month; None when it is not such a month."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def monthly_target() -> int:
    return courses_settings.CASES_MONTHLY_TARGET


# --- who may do what ---------------------------------------------------------------------


def may_review_cases(user) -> bool:
    """Trainers and administrators review submitted cases."""
    return user.is_authenticated and (sees_everyone(user) or user_has_role(user, Role.TRAINER))


def may_see_case_summary(user) -> bool:
    """Managers (their units) and administrators (every unit)."""
    return user.is_authenticated and (sees_everyone(user) or user_has_role(user, Role.MANAGER))


def submissions_readable_by(user) -> QuerySet[CaseSubmission]:
    """Every submission `user` may open: the one access decision."""
    if not user.is_authenticated:
        return CaseSubmission.objects.none()
    own = Q(author__user=user)
    if may_review_cases(user):
        return CaseSubmission.objects.filter(own | ~Q(status=SubmissionStatus.DRAFT))
    if user_has_role(user, Role.MANAGER):
        scope = Q(author__in=people_managed_by(user).values("pk"))
        return CaseSubmission.objects.filter(own | (scope & ~Q(status=SubmissionStatus.DRAFT)))
    return CaseSubmission.objects.filter(own)


def submission_readable_by(user, submission: CaseSubmission) -> bool:
    return submissions_readable_by(user).filter(pk=submission.pk).exists()


def submission_get(user, submission_id: int) -> CaseSubmission | None:
    """The submission if `user` may open it, else None (callers answer 404)."""
    return (
        submissions_readable_by(user)
        .select_related("author__unit", "reviewed_by", "page", "promoted_by")
        .filter(pk=submission_id)
        .first()
    )


def is_author(user, submission: CaseSubmission) -> bool:
    return user.is_authenticated and submission.author.user_id == user.pk


def may_edit(user, submission: CaseSubmission) -> bool:
    """The author, while it is a draft or has been sent back."""
    editable = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
    return is_author(user, submission) and submission.status in editable


def may_comment(user, submission: CaseSubmission) -> bool:
    """Its author and the reviewers, once it has been submitted."""
    if submission.status == SubmissionStatus.DRAFT:
        return False
    return is_author(user, submission) or may_review_cases(user)


def may_decide(user, submission: CaseSubmission) -> bool:
    """Send back or accept: a reviewer other than its author (a trainer writes
    cases too), while it waits for review."""
    return (
        submission.status == SubmissionStatus.SUBMITTED
        and may_review_cases(user)
        and not is_author(user, submission)
    )


def may_promote(user, submission: CaseSubmission) -> bool:
    """Make a page of it: a reviewer, once accepted, and only once."""
    return (
        submission.status == SubmissionStatus.ACCEPTED
        and submission.page_id is None
        and may_review_cases(user)
        and promotion_parents_for(user).exists()
    )


def promotion_parents_for(user) -> QuerySet[CoursePage]:
    """The courses under which `user` may add pages (Wagtail's page permissions)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return CoursePage.objects.filter(pk__in=pages.values("pk")).order_by("path")


def submission_of_document(document) -> CaseSubmission | None:
    """The submission a document is attached to, if any. One query."""
    attachment = (
        SubmissionAttachment.objects.select_related("submission")
        .filter(document_id=document.pk)
        .first()
    )
    return attachment.submission if attachment else None


# --- lists -------------------------------------------------------------------------------


def my_submissions(person: Person) -> QuerySet[CaseSubmission]:
    return CaseSubmission.objects.filter(author=person).select_related("page")


def review_queue(user, *, status: str = SubmissionStatus.SUBMITTED) -> QuerySet[CaseSubmission]:
    """What waits for review, oldest first; or the cases of another status."""
    if not may_review_cases(user):
        return CaseSubmission.objects.none()
    rows = CaseSubmission.objects.filter(status=status).select_related("author__unit")
    return rows.annotate(attachment_count=Count("attachments")).order_by("submitted_at", "pk")


def submission_history(submission: CaseSubmission):
    return submission.reviews.select_related("author__person")


def submission_attachments(submission: CaseSubmission):
    return submission.attachments.select_related("document")


# --- the monthly target ------------------------------------------------------------------


@functools.cache
def _month_count_sql(db: str) -> str:
    name = connections[db].ops.quote_name
    column = {
        f: name(CaseSubmission._meta.get_field(f).column) for f in ("author", "month", "status")
    }
    statuses = ", ".join(["%s"] * len(COUNTED))
    return (
        f"SELECT COUNT(*) FROM {name(CaseSubmission._meta.db_table)} "  # noqa: S608 (names)
        f"WHERE {column['author']} = %s AND {column['month']} = %s "
        f"AND {column['status']} IN ({statuses})"
    )


def month_count(person: Person, month: date) -> int:
    """How many of the person's cases count for `month`. Written out (rowsql):
    every trainee's home page asks it, and the ORM's count cost more CPU to
    build than the database spent answering it."""
    db = router.db_for_read(CaseSubmission)
    with cursor_for(db) as cursor:
        cursor.execute(_month_count_sql(db), [person.pk, month, *map(str, COUNTED)])
        return cursor.fetchone()[0]


def expected_writers(people) -> QuerySet[Person]:
    """Of `people` (a queryset), those expected to write cases: the trainees."""
    return people.filter(holds_role(Role.TRAINEE))


def month_counts(people, month: date) -> dict[int, int]:
    """{person id: cases counted for `month`} for `people` (a queryset or ids). One query."""
    rows = (
        CaseSubmission.objects.filter(author__in=people, month=month, status__in=COUNTED)
        .values("author_id")
        .annotate(n=Count("pk"))
    )
    return {row["author_id"]: row["n"] for row in rows}


def behind_this_month(people, *, month: date | None = None) -> list[Person]:
    """The expected writers of `people` with fewer cases than the target for
    `month` (this month when not given), ordered by unit and employee id, each
    with `.case_count`. Two queries."""
    month = month or this_month()
    target = monthly_target()
    writers = list(
        expected_writers(people).select_related("unit").order_by("unit__path", "employee_id")
    )
    counts = month_counts([p.pk for p in writers], month) if writers else {}
    behind = []
    for person in writers:
        person.case_count = counts.get(person.pk, 0)
        if person.case_count < target:
            behind.append(person)
    return behind


# --- the monthly summary per unit --------------------------------------------------------


@dataclass
class UnitSummaryRow:
    unit: OrgUnit
    level: int
    people: int = 0
    submitted: int = 0
    accepted: int = 0
    behind: int = 0


def summary_units_for(user) -> QuerySet[OrgUnit]:
    """The units whose summary `user` may read."""
    if not may_see_case_summary(user):
        return OrgUnit.objects.none()
    return units_visible_to(user).order_by("path")


def summary_default_unit(user) -> OrgUnit | None:
    return summary_units_for(user).first()


def monthly_summary(unit: OrgUnit, month: date) -> list[UnitSummaryRow]:
    """A row per unit of `unit`'s subtree (itself first), each counting its
    whole subtree: trainees, cases submitted and accepted for `month`, and the
    trainees behind the target. Three queries, whatever the size."""
    units = list(OrgUnit.objects.filter(subtree_q([unit])).order_by("path"))
    writers = list(
        expected_writers(Person.objects.filter(subtree_q([unit], prefix="unit__")))
        .values_list("pk", "unit__path", "name")
        .distinct()
    )
    rows = (
        CaseSubmission.objects.filter(
            subtree_q([unit], prefix="author__unit__"), month=month, status__in=COUNTED
        )
        .values("author_id", "author__unit__path", "status")
        .annotate(n=Count("pk"))
    )
    submitted: dict[int, int] = {}
    accepted_by_path: dict[str, int] = {}
    submitted_by_path: dict[str, int] = {}
    for row in rows:
        submitted[row["author_id"]] = submitted.get(row["author_id"], 0) + row["n"]
        path = row["author__unit__path"]
        submitted_by_path[path] = submitted_by_path.get(path, 0) + row["n"]
        if row["status"] == SubmissionStatus.ACCEPTED:
            accepted_by_path[path] = accepted_by_path.get(path, 0) + row["n"]
    # Each count goes up the tree to every unit above it: writers x depth, not x units.
    step = OrgUnit.steplen
    by_path = {
        each.path: UnitSummaryRow(unit=each, level=each.depth - unit.depth) for each in units
    }

    def above(path: str):
        for end in range(len(unit.path), len(path) + 1, step):
            row = by_path.get(path[:end])
            if row is not None:
                yield row

    for path, n in submitted_by_path.items():
        for row in above(path):
            row.submitted += n
    for path, n in accepted_by_path.items():
        for row in above(path):
            row.accepted += n
    target = monthly_target()
    for pk, path, _name in writers:
        late = submitted.get(pk, 0) < target
        for row in above(path):
            row.people += 1
            row.behind += late
    return list(by_path.values())


def home_progress(user) -> dict | None:
    """The trainee's cases this month against the target, for the home page."""
    person = person_for_user(user)
    if person is None or not user_has_role(user, Role.TRAINEE):
        return None
    month = this_month()
    count = month_count(person, month)
    return {"count": count, "target": monthly_target(), "month": month}


def _month_count_subquery(month: date):
    return Subquery(
        CaseSubmission.objects.filter(author=OuterRef("pk"), month=month, status__in=COUNTED)
        .order_by()
        .values("author")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def behind_total(people, *, month: date) -> tuple[int, int]:
    """(expected writers among `people`, how many of them are behind the target
    for `month`), in one query whatever the number of people."""
    counted = expected_writers(people).annotate(
        case_count=Coalesce(_month_count_subquery(month), 0)
    )
    totals = counted.aggregate(
        total=Count("pk", distinct=True),
        behind=Count("pk", distinct=True, filter=Q(case_count__lt=monthly_target())),
    )
    return totals["total"], totals["behind"]


def _writers_counted(person_ids, month: date) -> QuerySet[Person]:
    return expected_writers(Person.objects.filter(pk__in=list(person_ids))).annotate(
        case_count=Coalesce(_month_count_subquery(month), 0)
    )


def behind_among(person_ids, *, month: date) -> dict[int, int]:
    """{person id: cases for `month`} for those of `person_ids` who are expected
    writers behind the target. One query."""
    rows = (
        _writers_counted(person_ids, month)
        .filter(case_count__lt=monthly_target())
        .values_list("pk", "case_count")
        .distinct()
    )
    return dict(rows)


def writers_counts(person_ids, *, month: date) -> dict[int, int]:
    """{person id: cases for `month`} for every expected writer of `person_ids`,
    behind the target or not. One query."""
    return dict(_writers_counted(person_ids, month).values_list("pk", "case_count").distinct())


def cases_of_person(person: Person) -> QuerySet[CaseSubmission]:
    """A person's cases beyond their drafts, for their training record."""
    return (
        CaseSubmission.objects.filter(author=person)
        .exclude(status=SubmissionStatus.DRAFT)
        .order_by("-month", "-submitted_at", "-pk")
    )
