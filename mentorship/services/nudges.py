"""Reminders to check in: an ACTIVE pair quiet for MENTORSHIP_CHECKIN_NUDGE_DAYS
is reminded (both sides); quiet for MENTORSHIP_CHECKIN_ESCALATE_DAYS more, the
mentee's line managers are told. Run daily by the schedule
"mentorship.send_checkin_nudges"; CheckInNudge keeps each reminder once per
quiet spell, so any number of runs a day send it once."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.services import notice_send
from people.selectors import line_managers_of

from ..conf import mentorship_settings
from ..models import CheckInNudge, Pair, PairEvent, PairEventKind, PairStatus


def quiet_since(pair: Pair) -> datetime.date:
    """The day the pair's present quiet spell began: its last check-in, else its start."""
    start = pair.started_on or timezone.localdate(pair.assigned_at)
    last = getattr(pair, "last_met_on", None)
    return max(last, start) if last else start


def checkin_nudges_send(*, today: datetime.date | None = None) -> int:
    """Send the reminders due `today` (the local date by default); returns how
    many were sent (a reminder to the pair and one to the managers count one each)."""
    today = today or timezone.localdate()
    nudge_after = datetime.timedelta(days=mentorship_settings.CHECKIN_NUDGE_DAYS)
    escalate_after = nudge_after + datetime.timedelta(
        days=mentorship_settings.CHECKIN_ESCALATE_DAYS
    )
    pairs = (
        Pair.objects.filter(status=PairStatus.ACTIVE)
        .select_related("mentor__user", "mentee__user", "mentee__unit")
        .annotate(last_met_on=Max("checkins__met_on"))
        .order_by("pk")
    )
    sent = set(
        CheckInNudge.objects.filter(pair__status=PairStatus.ACTIVE).values_list(
            "pair_id", "stage", "since"
        )
    )
    count = 0
    for pair in pairs:
        since = quiet_since(pair)
        quiet = today - since
        if quiet >= nudge_after and (pair.pk, CheckInNudge.Stage.PAIR, since) not in sent:
            count += _nudge(pair, since, CheckInNudge.Stage.PAIR)
        if quiet >= escalate_after and (pair.pk, CheckInNudge.Stage.MANAGER, since) not in sent:
            count += _nudge(pair, since, CheckInNudge.Stage.MANAGER)
    return count


def _nudge(pair: Pair, since: datetime.date, stage: str) -> int:
    """Keep the reminder, then send it; 0 if another run kept it first."""
    try:
        with transaction.atomic():
            CheckInNudge.objects.create(pair=pair, stage=stage, since=since)
            link = reverse("mentorship:pair", args=[pair.pk])
            if stage == CheckInNudge.Stage.PAIR:
                _remind_sides(pair, since, link)
                kind = PairEventKind.NUDGED
            else:
                _tell_managers(pair, since, link)
                kind = PairEventKind.ESCALATED
            PairEvent.objects.create(pair=pair, kind=kind, detail={"since": since.isoformat()})
    except IntegrityError:
        return 0
    return 1


def _remind_sides(pair: Pair, since: datetime.date, link: str) -> None:
    message = _("No check-in with %(other)s since %(since)s. Meet and log it.")
    day = since.isoformat()
    notice_send(
        recipient=pair.mentor.user, message=message, link=link, other=pair.mentee.name, since=day
    )
    notice_send(
        recipient=pair.mentee.user, message=message, link=link, other=pair.mentor.name, since=day
    )


def _tell_managers(pair: Pair, since: datetime.date, link: str) -> None:
    message = _("%(mentor)s and %(mentee)s have not checked in since %(since)s.")
    for manager in line_managers_of(pair.mentee):
        notice_send(
            recipient=manager.user,
            message=message,
            link=link,
            mentor=pair.mentor.name,
            mentee=pair.mentee.name,
            since=since.isoformat(),
        )
