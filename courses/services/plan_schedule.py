"""The daily work of training plans: the next occurrence of a yearly
assignment, reminders before the due date and overdue items told to the
line managers. Each is idempotent: run twice on a day, it does nothing more."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from notifications.services import notice_send
from people.selectors import line_managers_of

from ..conf import courses_settings
from ..models import PlanAssignee, PlanAssignment, Recurrence
from .plans import assignment_create


def one_year_after(day: date) -> date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def assignments_renew(*, today: date | None = None, now: datetime | None = None) -> int:
    """Create the next occurrence of every yearly assignment whose next start
    has come round (a year after its own), same target and item, with the
    target's people of today. A chain missed for years catches up one year at
    a time. Returns how many occurrences were created."""
    today = today or timezone.localdate()
    created = 0
    latest = PlanAssignment.objects.filter(
        recurrence=Recurrence.YEARLY, withdrawn_at__isnull=True, next__isnull=True
    ).select_related("course", "drill", "person", "unit", "created_by")
    for assignment in latest:
        while one_year_after(assignment.starts_on) <= today:
            try:
                with transaction.atomic():
                    assignment = assignment_create(
                        by=assignment.created_by,
                        course=assignment.course,
                        drill=assignment.drill,
                        person=assignment.person,
                        unit=assignment.unit,
                        starts_on=one_year_after(assignment.starts_on),
                        due_on=one_year_after(assignment.due_on),
                        recurrence=Recurrence.YEARLY,
                        origin=assignment.origin,
                        note=assignment.note,
                        previous=assignment,
                        check_scope=False,
                        now=now,
                    )
            except IntegrityError:  # another run renewed it meanwhile (previous is one-to-one)
                break
            created += 1
    return created


def item_url(assignment: PlanAssignment) -> str:
    """Where the trainee does the assigned item: the course page or the drill."""
    if assignment.course_id:
        return assignment.course.url or ""
    return reverse("quizzes:drill_take", args=[assignment.drill_id])


def item_title(assignment: PlanAssignment) -> str:
    return assignment.course.title if assignment.course_id else assignment.drill.title


def _open_undone() -> QuerySet[PlanAssignee]:
    return PlanAssignee.objects.filter(
        assignment__withdrawn_at__isnull=True, completed_at__isnull=True
    ).select_related("assignment__course", "assignment__drill", "person__user", "person__unit")


def plan_reminders_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """Remind each person once, COURSES_PLAN_REMINDER_DAYS before (or on) the due
    date, of an item they have not done. Returns how many were reminded."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    days = courses_settings.PLAN_REMINDER_DAYS
    rows = _open_undone().filter(
        reminded_at__isnull=True,
        assignment__due_on__gte=today,
        assignment__due_on__lte=today + timedelta(days=days),
        assignment__starts_on__lte=today,
    )
    sent = 0
    for row in rows:
        with transaction.atomic():
            if not PlanAssignee.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue  # another run got there first
            notice_send(
                recipient=row.person.user,
                message=gettext_lazy("%(item)s is due on %(due)s"),
                link=item_url(row.assignment),
                item=item_title(row.assignment),
                due=row.assignment.due_on.isoformat(),
            )
        sent += 1
    return sent


def plan_overdue_report(*, today: date | None = None, now: datetime | None = None) -> int:
    """Tell each line manager, in one notice per run, about their people's items
    that became overdue, each item once. Returns how many managers were told."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    rows = list(
        _open_undone().filter(overdue_reported_at__isnull=True, assignment__due_on__lt=today)
    )
    if not rows:
        return 0
    managers_of: dict[int, list] = {}
    per_manager: dict[int, list[PlanAssignee]] = defaultdict(list)
    users = {}
    for row in rows:
        if row.person_id not in managers_of:
            managers_of[row.person_id] = list(line_managers_of(row.person))
        for manager in managers_of[row.person_id]:
            users[manager.user_id] = manager.user
            per_manager[manager.user_id].append(row)
    with transaction.atomic():
        marked = set(
            PlanAssignee.objects.filter(
                pk__in=[row.pk for row in rows], overdue_reported_at__isnull=True
            ).values_list("pk", flat=True)
        )
        PlanAssignee.objects.filter(pk__in=marked).update(overdue_reported_at=now)
        told = 0
        for user_id, items in per_manager.items():
            items = [row for row in items if row.pk in marked]
            if not items:
                continue
            names = "、".join(sorted({row.person.name for row in items}))
            notice_send(
                recipient=users[user_id],
                message=gettext_lazy(
                    "%(count)s training items of your people are overdue: %(names)s"
                ),
                link=reverse("courses:plan_list") + "?status=overdue",
                count=len(items),
                names=names,
            )
            told += 1
    return told


def plans_daily_run(*, today: date | None = None) -> dict[str, int]:
    """The schedule's run: next yearly occurrences, newcomers of open unit
    assignments (people moved without a save), reminders, overdue notices."""
    from .plan_progress import open_unit_assignments_sync

    today = today or timezone.localdate()
    return {
        "renewed": assignments_renew(today=today),
        "joined": open_unit_assignments_sync(today=today),
        "reminded": plan_reminders_send(today=today),
        "managers_told": plan_overdue_report(today=today),
    }
