"""The pair's agreement: goals and notes, then both sides' acknowledgement,
which starts a PROPOSED pair."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.services import notice_send

from ..models import Agreement, Goal, Pair, PairEvent, PairEventKind, PairStatus
from ..selectors.life import pair_access


@dataclass(frozen=True)
class GoalInput:
    """One goal as written in the form: a topic (quizzes.Topic), a due date, notes."""

    topic: object
    due_on: datetime.date
    notes: str = ""


def pair_locked(pair: Pair) -> Pair:
    """The pair re-read under a row lock, so two requests change it one after the other."""
    return (
        Pair.objects.select_for_update()
        .select_related("mentor__user", "mentee__user")
        .get(pk=pair.pk)
    )


def _goal_rows(goals) -> list[tuple]:
    return sorted((goal.topic.pk, goal.due_on, goal.notes.strip()) for goal in goals)


@transaction.atomic
def agreement_update(*, pair: Pair, by_user, notes: str, goals: list[GoalInput]) -> Agreement:
    """Replace the agreement's notes and goals, while the pair is PROPOSED or
    ACTIVE, by either side or the mentee's manager. A change after anybody has
    acknowledged clears both acknowledgements: both agree to the new text."""
    pair = pair_locked(pair)
    if not pair_access(by_user, pair).can_edit_agreement:
        raise PermissionDenied
    topics = [goal.topic.pk for goal in goals]
    if len(set(topics)) != len(topics):
        raise ValidationError({"goals": gettext("Each topic may be a goal only once.")})
    agreement, _created = Agreement.objects.get_or_create(pair=pair)
    old_goals = list(agreement.goals.select_related("topic"))
    changed = agreement.notes.strip() != notes.strip() or _goal_rows(old_goals) != _goal_rows(goals)
    if not changed:
        return agreement
    had_acknowledgement = bool(agreement.mentor_acknowledged_at or agreement.mentee_acknowledged_at)
    agreement.notes = notes.strip()
    agreement.mentor_acknowledged_at = agreement.mentee_acknowledged_at = None
    agreement.save()
    agreement.goals.all().delete()
    Goal.objects.bulk_create(
        Goal(agreement=agreement, topic=goal.topic, due_on=goal.due_on, notes=goal.notes.strip())
        for goal in goals
    )
    PairEvent.objects.create(
        pair=pair,
        kind=PairEventKind.AGREEMENT_EDITED,
        actor=by_user,
        detail={"goals": len(goals), "acknowledgements_cleared": had_acknowledgement},
    )
    if had_acknowledgement:
        _notify_sides(
            pair,
            _("The agreement with %(other)s changed: read it and acknowledge it again."),
        )
    return agreement


@transaction.atomic
def agreement_acknowledge(*, pair: Pair, by_user) -> Agreement:
    """The mentor or the mentee agrees to the agreement as it stands (at least
    one goal). Once both have, a PROPOSED pair becomes ACTIVE from today."""
    pair = pair_locked(pair)
    access = pair_access(by_user, pair)
    if not access.can_acknowledge:
        raise PermissionDenied
    agreement = Agreement.objects.filter(pair=pair).first()
    if agreement is None or not agreement.goals.exists():
        raise ValidationError(gettext("Agree at least one goal before acknowledging."))
    now = timezone.now()
    if access.is_mentor and not agreement.mentor_acknowledged_at:
        agreement.mentor_acknowledged_at = now
    if access.is_mentee and not agreement.mentee_acknowledged_at:
        agreement.mentee_acknowledged_at = now
    agreement.save()
    PairEvent.objects.create(
        pair=pair,
        kind=PairEventKind.ACKNOWLEDGED,
        actor=by_user,
        detail={"side": "mentor" if access.is_mentor else "mentee"},
    )
    if agreement.acknowledged_by_both and pair.status == PairStatus.PROPOSED:
        pair.status = PairStatus.ACTIVE
        pair.started_on = timezone.localdate()
        pair.save(update_fields=["status", "started_on"])
        PairEvent.objects.create(pair=pair, kind=PairEventKind.ACTIVATED, actor=by_user)
        _notify_sides(pair, _("Your mentoring with %(other)s has started."))
    return agreement


def _notify_sides(pair: Pair, message) -> None:
    """Tell both sides `message`, in which %(other)s is the other side's name."""
    link = reverse("mentorship:pair", args=[pair.pk])
    notice_send(recipient=pair.mentor.user, message=message, link=link, other=pair.mentee.name)
    notice_send(recipient=pair.mentee.user, message=message, link=link, other=pair.mentor.name)
