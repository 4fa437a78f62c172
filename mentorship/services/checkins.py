"""Check-ins: the pair's meetings, logged by either side, and the mentor's
behaviour observations of the mentee while the pair is active."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from courses.services import observation_record
from people.selectors import person_for_user

from ..models import CheckIn, Pair, PairEvent, PairEventKind
from ..selectors.life import pair_access

MAX_MINUTES = 600


@transaction.atomic
def checkin_log(
    *,
    pair: Pair,
    by_user,
    met_on: datetime.date,
    minutes: int,
    notes: str = "",
    next_steps: str = "",
) -> CheckIn:
    """Log a meeting of an ACTIVE pair, by the mentor or the mentee: on a day
    between the pair's start and today, 1 to 600 minutes long."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if not pair_access(by_user, pair).can_check_in:
        raise PermissionDenied
    errors = {}
    if met_on > timezone.localdate():
        errors["met_on"] = gettext("The day cannot be in the future.")
    elif pair.started_on and met_on < pair.started_on:
        errors["met_on"] = gettext("The pair started on %(day)s: pick that day or later.") % {
            "day": pair.started_on.isoformat()
        }
    if not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = gettext("Between 1 and %(most)s minutes.") % {"most": MAX_MINUTES}
    if errors:
        raise ValidationError(errors)
    checkin = CheckIn.objects.create(
        pair=pair,
        author=person_for_user(by_user),
        met_on=met_on,
        minutes=minutes,
        notes=notes.strip(),
        next_steps=next_steps.strip(),
    )
    PairEvent.objects.create(
        pair=pair,
        kind=PairEventKind.CHECKED_IN,
        actor=by_user,
        detail={"checkin": checkin.pk, "met_on": met_on.isoformat()},
    )
    return checkin


@transaction.atomic
def pair_observation_record(
    *, pair: Pair, by_user, changed: bool, example: str, observed_on: datetime.date | None = None
):
    """The mentor of an ACTIVE pair records how the mentee works now, in the
    post-training follow-up (courses keeps it; courses checks the scope again)."""
    pair = Pair.objects.select_for_update().select_related("mentee").get(pk=pair.pk)
    if not pair_access(by_user, pair).sees_mentee_training:
        raise PermissionDenied
    observation = observation_record(
        person=pair.mentee,
        observer=by_user,
        changed=changed,
        example=example,
        observed_on=observed_on,
    )
    PairEvent.objects.create(
        pair=pair,
        kind=PairEventKind.OBSERVED,
        actor=by_user,
        detail={"observation": observation.pk},
    )
    return observation
