"""Reads of training plans. An assigned person's status is decided here, once,
for every page, export and dashboard:

- done: completed;
- overdue: not completed and the due date has passed;
- in progress: started (enrolled on the course, or an attempt at the drill);
- not started: otherwise.
"""

from datetime import date

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import PlanAssignee


class AssigneeStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    DONE = "done"
    ORDER = [NOT_STARTED, IN_PROGRESS, OVERDUE, DONE]
    LABELS = {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        OVERDUE: _("Overdue"),
        DONE: _("Done"),
    }


def assignee_status_expression(today: date):
    return Case(
        When(completed_at__isnull=False, then=Value(AssigneeStatus.DONE)),
        When(assignment__due_on__lt=today, then=Value(AssigneeStatus.OVERDUE)),
        When(started_at__isnull=False, then=Value(AssigneeStatus.IN_PROGRESS)),
        default=Value(AssigneeStatus.NOT_STARTED),
        output_field=CharField(),
    )


def assignees_open() -> QuerySet[PlanAssignee]:
    """Assigned people of assignments that are not withdrawn."""
    return PlanAssignee.objects.filter(assignment__withdrawn_at__isnull=True)


def assignees_with_status(*, today: date | None = None) -> QuerySet[PlanAssignee]:
    """Open assigned people annotated with `status` (see the module's docstring)."""
    today = today or timezone.localdate()
    return assignees_open().annotate(status=assignee_status_expression(today))


def assignee_status_counts(person_ids, *, today: date | None = None) -> dict[str, int]:
    """{status: count} over the open assignments of these people, in one query."""
    today = today or timezone.localdate()
    rows = (
        assignees_with_status(today=today)
        .filter(person_id__in=person_ids)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(AssigneeStatus.ORDER, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def assignee_started_q() -> Q:
    return Q(started_at__isnull=False) | Q(completed_at__isnull=False)
