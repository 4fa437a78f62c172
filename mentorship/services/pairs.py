"""Making a pair: the one door through which suggestions and managers' hands pass."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.services import notice_send
from people.models import Person

from ..models import Agreement, MentorProfile, Pair, PairEvent, PairEventKind, Suggestion
from ..rules import PairingRules, rule_messages


class PairingRuleBroken(ValidationError):
    """A hard rule forbids the pair; `codes` names the rules (mentorship.rules)."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(rule_messages(codes), code=codes[0] if codes else None)


@transaction.atomic
def pair_create(
    *, mentor: Person, mentee: Person, by_user, suggestion: Suggestion | None = None
) -> Pair:
    """Assign `mentor` to `mentee` as `by_user` decides, if no hard rule forbids
    it (else PairingRuleBroken). The pair starts PROPOSED with an empty
    agreement; both people get a notice; the assignment is kept as an event."""
    # The mentor's profile row is locked so that two assignments at once cannot
    # both take the mentor's last place.
    MentorProfile.objects.select_for_update().filter(person=mentor).first()
    rules = PairingRules.load(
        user=by_user, mentor_ids=[mentor.pk], mentee_ids=[mentee.pk], today=timezone.localdate()
    )
    problems = rules.problems(mentor.pk, mentee.pk)
    if problems:
        raise PairingRuleBroken(problems)
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                mentor=mentor, mentee=mentee, suggestion=suggestion, assigned_by=by_user
            )
    except IntegrityError as error:  # another request paired the mentee just now
        raise PairingRuleBroken(["mentee_has_pair"]) from error
    Agreement.objects.create(pair=pair)
    PairEvent.objects.create(
        pair=pair,
        kind=PairEventKind.ASSIGNED,
        actor=by_user,
        detail={"suggestion": suggestion.pk if suggestion else None},
    )
    pair_notify_assigned(pair=pair)
    return pair


def pair_notify_assigned(*, pair: Pair) -> None:
    link = reverse("mentorship:pair", args=[pair.pk])
    notice_send(
        recipient=pair.mentee.user,
        message=_("%(mentor)s will be your mentor. Agree your goals together."),
        link=link,
        mentor=pair.mentor.name,
    )
    notice_send(
        recipient=pair.mentor.user,
        message=_("You have been asked to mentor %(mentee)s. Agree your goals together."),
        link=link,
        mentee=pair.mentee.name,
    )
