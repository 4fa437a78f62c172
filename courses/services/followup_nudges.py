"""Nudges of the follow-up after training: an overdue task's owner is told
once; if it is still open a set number of days later, the person's line
managers are told, once."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from notifications.services import notice_send
from people.selectors import line_managers_of

from ..conf import courses_settings
from ..models import FollowUpTask

NUDGE = gettext_lazy(
    "A follow-up task of the course “%(course)s” for %(person)s was due on %(due)s."
)
ESCALATION = gettext_lazy(
    "A follow-up task of the course “%(course)s” for %(person)s, due on %(due)s, "
    "is still open after its reminder."
)


def _params(task: FollowUpTask) -> dict:
    return {
        "course": task.course.title,
        "person": task.person.name,
        "due": task.due_on.isoformat(),
    }


def followup_tasks_nudge(*, now: datetime | None = None) -> tuple[int, int]:
    """Nudge the owners of overdue open tasks (once), then escalate to the
    person's line managers (once) those still open FOLLOWUP_ESCALATE_AFTER_DAYS
    after their nudge. Returns (nudged, escalated)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    link = reverse("courses:followup_tasks")
    open_tasks = FollowUpTask.objects.filter(done_at__isnull=True).select_related(
        "course", "person__unit", "owner"
    )
    nudged = 0
    for task in open_tasks.filter(due_on__lt=today, nudged_at__isnull=True).order_by("pk"):
        with transaction.atomic():
            if not FollowUpTask.objects.filter(pk=task.pk, nudged_at__isnull=True).update(
                nudged_at=now
            ):
                continue
            if task.owner is not None:
                notice_send(recipient=task.owner, message=NUDGE, link=link, **_params(task))
            nudged += 1
    escalated = 0
    cutoff = now - timedelta(days=courses_settings.FOLLOWUP_ESCALATE_AFTER_DAYS)
    for task in open_tasks.filter(nudged_at__lte=cutoff, escalated_at__isnull=True).order_by("pk"):
        with transaction.atomic():
            if not FollowUpTask.objects.filter(pk=task.pk, escalated_at__isnull=True).update(
                escalated_at=now
            ):
                continue
            for manager in line_managers_of(task.person):
                if manager.user_id and manager.user_id != task.owner_id:
                    notice_send(
                        recipient=manager.user,
                        message=ESCALATION,
                        link=reverse("people:record", args=[task.person_id]),
                        **_params(task),
                    )
            escalated += 1
    return nudged, escalated
