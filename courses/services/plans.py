"""Writes of training plans: assigning a course or a drill to a person or a
unit, and keeping each assignment's people up to date."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import OrgUnit, Person
from people.selectors import people_in_subtree, people_managed_by, units_visible_to

from ..models import AssignmentOrigin, CoursePage, PlanAssignee, PlanAssignment, Recurrence


def _check_scope(by, *, person: Person | None, unit: OrgUnit | None) -> None:
    """A manager assigns only within their scope (administrators: everyone)."""
    if person is not None and not people_managed_by(by).filter(pk=person.pk).exists():
        raise PermissionDenied
    if unit is not None and not units_visible_to(by).filter(pk=unit.pk).exists():
        raise PermissionDenied


@transaction.atomic
def assignment_create(
    *,
    by,
    course: CoursePage | None = None,
    drill=None,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    starts_on: date,
    due_on: date,
    recurrence: str = Recurrence.NONE,
    origin: str = AssignmentOrigin.PLAN,
    note: str = "",
    previous: PlanAssignment | None = None,
    check_scope: bool = True,
    now: datetime | None = None,
) -> PlanAssignment:
    """Assign one course or drill to one person or unit (its whole subtree).

    `by` must have the target in scope unless `check_scope` is False, which only
    the platform's own assignments use (a follow-up's retention drill).
    Bad input is a ValidationError located on its field; out of scope is
    PermissionDenied.
    """
    errors = {}
    if (course is None) == (drill is None):
        errors["course"] = _("Choose one course or one drill.")
    if (person is None) == (unit is None):
        errors["person"] = _("Choose one person or one unit.")
    if due_on < starts_on:
        errors["due_on"] = _("The due date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    if check_scope:
        _check_scope(by, person=person, unit=unit)
    now = now or timezone.now()
    assignment = PlanAssignment.objects.create(
        course=course,
        drill=drill,
        person=person,
        unit=unit,
        starts_on=starts_on,
        due_on=due_on,
        recurrence=recurrence,
        origin=origin,
        note=note.strip(),
        previous=previous,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=now,
    )
    assignees_sync(assignment=assignment, now=now)
    return assignment


def assignment_targets(assignment: PlanAssignment):
    """The people an assignment is meant for now."""
    if assignment.person_id:
        return Person.objects.filter(pk=assignment.person_id)
    return people_in_subtree(assignment.unit)


def assignees_sync(*, assignment: PlanAssignment, now: datetime | None = None) -> int:
    """Add everyone the assignment now reaches who is not on it yet (newcomers
    to its unit); people who left keep their row and its history. Returns how
    many were added."""
    if assignment.withdrawn_at is not None:
        return 0
    now = now or timezone.now()
    already = PlanAssignee.objects.filter(assignment=assignment).values("person_id")
    new_ids = list(
        assignment_targets(assignment).exclude(pk__in=already).values_list("pk", flat=True)
    )
    PlanAssignee.objects.bulk_create(
        [PlanAssignee(assignment=assignment, person_id=pid, added_at=now) for pid in new_ids],
        ignore_conflicts=True,
    )
    if new_ids:
        # What they did before joining counts: an enrolment, a completion since the start.
        from .plan_progress import assignees_progress_fill

        assignees_progress_fill(assignment=assignment, person_ids=new_ids)
    return len(new_ids)


def may_withdraw(user, assignment: PlanAssignment) -> bool:
    """A manager who may assign to the target may withdraw (administrators: anything)."""
    from ..selectors.plan_pages import may_manage_plans

    if not may_manage_plans(user):
        return False
    try:
        _check_scope(user, person=assignment.person, unit=assignment.unit)
    except PermissionDenied:
        return False
    return True


def assignment_withdraw(
    *, by, assignment: PlanAssignment, now: datetime | None = None
) -> PlanAssignment:
    """Withdraw an assignment: it leaves every list and sends no more reminders;
    its people's rows stay as history. Withdrawing twice changes nothing."""
    if not may_withdraw(by, assignment):
        raise PermissionDenied
    if assignment.withdrawn_at is None:
        assignment.withdrawn_at = now or timezone.now()
        PlanAssignment.objects.filter(pk=assignment.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=assignment.withdrawn_at
        )
    return assignment
