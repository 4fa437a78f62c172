"""Who sees which training assignments, and the rows of the plans' pages.

Access is decided here for every door (list, assignment page, withdraw, form
choices): administrators see everything; a manager sees the assignments they
made and those that reach their scope, and on each only the people of their
scope; nobody else sees plans at all. A person's status comes from
courses.selectors.plans, the one definition.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from people.roles import Role
from people.selectors import people_managed_by, sees_everyone, units_visible_to, user_has_role

from ..confidentiality import pages_visible_to
from ..models import CoursePage, PlanAssignee, PlanAssignment
from ..page_tree_cache import pages_by_id
from .plan_rows import open_assignees_of
from .plans import AssigneeStatus, assignee_status_expression, assignees_with_status


def may_manage_plans(user) -> bool:
    """Managers and administrators; trainers and trainees do not."""
    if not user.is_authenticated:
        return False
    return sees_everyone(user) or user_has_role(user, Role.MANAGER)


def plan_people_of(user):
    """The people whose progress the user may see on plans."""
    return people_managed_by(user)


def assignments_visible_to(user) -> QuerySet[PlanAssignment]:
    """Every assignment the user may open (withdrawn ones included)."""
    if not may_manage_plans(user):
        return PlanAssignment.objects.none()
    assignments = PlanAssignment.objects.select_related(
        "course", "drill", "person", "unit", "created_by"
    )
    if sees_everyone(user):
        return assignments.all()
    people = plan_people_of(user).values("pk")
    reaches = PlanAssignee.objects.filter(assignment=OuterRef("pk"), person__in=people)
    return assignments.filter(
        Q(created_by=user)
        | Q(person__in=people)
        | Q(unit__in=units_visible_to(user).values("pk"))
        | Exists(reaches)
    )


def assignment_get(user, assignment_id: int) -> PlanAssignment | None:
    """The assignment if the user may open it, else None (callers answer 404)."""
    return assignments_visible_to(user).filter(pk=assignment_id).first()


def _scoped_status_rows(user, *, today: date, with_withdrawn: bool = False):
    rows = (
        PlanAssignee.objects.annotate(status=assignee_status_expression(today))
        if with_withdrawn
        else assignees_with_status(today=today)
    )
    if not sees_everyone(user):
        rows = rows.filter(person__in=plan_people_of(user).values("pk"))
    return rows


@dataclass
class AssignmentRow:
    assignment: PlanAssignment
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def assignment_list(user, *, status: str | None = None, today: date | None = None):
    """Open assignments the user may see, latest due first, optionally only those
    with someone in `status`. A queryset: page it, then call assignment_rows."""
    today = today or timezone.localdate()
    assignments = assignments_visible_to(user).filter(withdrawn_at__isnull=True)
    if status in AssigneeStatus.ORDER:
        with_status = _scoped_status_rows(user, today=today).filter(status=status)
        assignments = assignments.filter(pk__in=with_status.values("assignment_id"))
    return assignments.order_by("-due_on", "-pk")


def assignment_rows(user, assignments, *, today: date | None = None) -> list[AssignmentRow]:
    """Rows with their counts per status (people of the user's scope), one query."""
    today = today or timezone.localdate()
    assignments = list(assignments)
    rows = {a.pk: AssignmentRow(a, dict.fromkeys(AssigneeStatus.ORDER, 0)) for a in assignments}
    counts = (
        _scoped_status_rows(user, today=today)
        .filter(assignment_id__in=list(rows))
        .values("assignment_id", "status")
        .annotate(n=Count("pk"))
    )
    for count in counts:
        rows[count["assignment_id"]].counts[count["status"]] = count["n"]
    return [rows[a.pk] for a in assignments]


def plan_totals(user, *, today: date | None = None) -> dict[str, int]:
    """{status: people} over every open assignment of the user's scope, one query."""
    today = today or timezone.localdate()
    totals = dict.fromkeys(AssigneeStatus.ORDER, 0)
    # The people of the user's scope: every assignment they are on is visible to the user.
    rows = _scoped_status_rows(user, today=today)
    for row in rows.values("status").annotate(n=Count("pk")):
        totals[row["status"]] = row["n"]
    return totals


def assignment_people(user, assignment: PlanAssignment, *, today: date | None = None):
    """The assignment's people of the user's scope with their `status`, by name."""
    today = today or timezone.localdate()
    return (
        _scoped_status_rows(user, today=today, with_withdrawn=True)
        .filter(assignment=assignment)
        .select_related("person__unit")
        .order_by("person__name", "person_id")
    )


def assignment_people_counts(user, assignment: PlanAssignment, *, today: date | None = None):
    counts = dict.fromkeys(AssigneeStatus.ORDER, 0)
    rows = assignment_people(user, assignment, today=today).order_by()
    for row in rows.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


# The form's choices: only what the user may assign and to whom.


def plan_courses_for(user) -> QuerySet[CoursePage]:
    """Live courses the user may read."""
    return pages_visible_to(user, CoursePage.objects.live()).order_by("title", "pk")


def plan_units_for(user):
    return units_visible_to(user).order_by("path")


def plan_people_for(user):
    return plan_people_of(user).order_by("name", "pk")


# The trainee's own view.


@dataclass
class MyPlans:
    assigned: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    overdue: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.assigned or self.due_soon or self.overdue)


def my_plans(person, *, days: int, today: date | None = None, limit: int = 10) -> MyPlans:
    """The person's open, undone assignments: overdue, due within `days`, and the
    rest that have started, in one query."""
    today = today or timezone.localdate()
    rows = open_assignees_of(person, today=today, limit=limit * 3)  # written out (plan_rows)
    # The courses from the page tree's cache: no join with the page tables.
    courses = pages_by_id(CoursePage, [row.assignment.course_id for row in rows])
    course_field = PlanAssignment._meta.get_field("course")
    for row in rows:
        if row.assignment.course_id in courses:
            course_field.set_cached_value(row.assignment, courses[row.assignment.course_id])
    plans = MyPlans()
    soon = today + timedelta(days=days)
    for row in rows:
        if row.status == AssigneeStatus.OVERDUE:
            plans.overdue.append(row)
        elif row.assignment.due_on <= soon:
            plans.due_soon.append(row)
        else:
            plans.assigned.append(row)
    plans.overdue, plans.due_soon, plans.assigned = (
        plans.overdue[:limit],
        plans.due_soon[:limit],
        plans.assigned[:limit],
    )
    return plans


def plans_of_person(person, *, today: date | None = None, limit: int = 50):
    """A person's assignments (withdrawn ones left out) with their status, latest due first."""
    today = today or timezone.localdate()
    return (
        assignees_with_status(today=today)
        .filter(person=person)
        .select_related("assignment__course", "assignment__drill")
        .order_by("-assignment__due_on", "-pk")[:limit]
    )
