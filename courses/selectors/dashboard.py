"""Reads of the manager dashboard's training sections: assignments by status
(the status of courses.selectors.plans, the one definition) and follow-up
tasks due. `people` is a queryset of people (a subquery) or a list of ids;
each read is one query whatever their number."""

from datetime import date, timedelta

from django.db.models import Count, QuerySet
from wagtail.models import Page

from ..confidentiality import hidden_subtree_paths, pages_visible_to
from ..models import FollowUpTask
from .dashboard_rows import followup_due_first_rows
from .plans import AssigneeStatus, assignee_status_counts, assignees_with_status

# Follow-up tasks count as due from this many days before their due date.
FOLLOWUP_DUE_WITHIN_DAYS = 14


def assignment_status_by_person(people, *, today: date) -> dict[int, dict[str, int]]:
    """{person id: {status: count}} over the open assignments of `people`;
    a person without any has no entry."""
    rows = (
        assignees_with_status(today=today)
        .filter(person__in=people)
        .values("person_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = result.setdefault(row["person_id"], dict.fromkeys(AssigneeStatus.ORDER, 0))
        counts[row["status"]] = row["n"]
    return result


def assignment_status_totals(people, *, today: date) -> dict[str, int]:
    """{status: count} over the open assignments of everyone in `people`."""
    return assignee_status_counts(people, today=today)


def followup_tasks_due(user, people, *, today: date) -> QuerySet[FollowUpTask]:
    """Open follow-up tasks of `people` due within FOLLOWUP_DUE_WITHIN_DAYS
    days or overdue, earliest first, leaving out courses `user` may not read
    (a restricted risk review course says nothing of itself)."""
    readable = pages_visible_to(user, Page.objects.all()).values("pk")
    return (
        FollowUpTask.objects.filter(
            person__in=people,
            done_at__isnull=True,
            due_on__lte=today + timedelta(days=FOLLOWUP_DUE_WITHIN_DAYS),
            course_id__in=readable,
        )
        .select_related("person__unit", "course", "owner__person")
        .order_by("due_on", "pk")
    )


def followup_tasks_due_first(
    user, people, *, today: date, limit: int
) -> tuple[list[FollowUpTask], int]:
    """The first `limit` of followup_tasks_due, each with `course_title`, and
    how many followup_tasks_due there are, in one query (.dashboard_rows)."""
    if not isinstance(people, QuerySet):
        people = FollowUpTask._meta.get_field("person").related_model.objects.filter(
            pk__in=list(people)
        )
    return followup_due_first_rows(
        people,
        hidden_subtree_paths(user),
        due_by=today + timedelta(days=FOLLOWUP_DUE_WITHIN_DAYS),
        limit=limit,
    )


def owner_name(task: FollowUpTask) -> str:
    """The owner's name as the people app knows it, else their login; "" for none."""
    owner = task.owner
    if owner is None:
        return ""
    person = getattr(owner, "person", None)  # None: a login without a staff profile
    return person.name if person is not None else (owner.get_full_name() or owner.get_username())
