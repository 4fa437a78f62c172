"""The end of a pair: completed, or ended early with a reason; then each
side's feedback, once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.services import notice_send
from people.selectors import person_for_user

from ..models import EndFeedback, Pair, PairEvent, PairEventKind, PairStatus
from ..selectors.life import pair_access
from .agreements import pair_locked


def _end(*, pair: Pair, by_user, status: str, reason: str = "") -> Pair:
    pair.status = status
    pair.ended_on = timezone.localdate()
    pair.ended_by = by_user
    pair.end_reason = reason
    pair.save(update_fields=["status", "ended_on", "ended_by", "end_reason"])
    kind = PairEventKind.COMPLETED if status == PairStatus.COMPLETED else PairEventKind.ENDED_EARLY
    PairEvent.objects.create(pair=pair, kind=kind, actor=by_user, detail={"reason": reason})
    link = reverse("mentorship:pair", args=[pair.pk])
    message = _("Your mentoring with %(other)s has ended. Tell us how it went.")
    notice_send(recipient=pair.mentor.user, message=message, link=link, other=pair.mentee.name)
    notice_send(recipient=pair.mentee.user, message=message, link=link, other=pair.mentor.name)
    return pair


@transaction.atomic
def pair_complete(*, pair: Pair, by_user) -> Pair:
    """An ACTIVE pair has done what it set out to do: by either side or the
    mentee's manager. The mentor's view of the mentee's record ends now."""
    pair = pair_locked(pair)
    if not pair_access(by_user, pair).can_complete:
        raise PermissionDenied
    return _end(pair=pair, by_user=by_user, status=PairStatus.COMPLETED)


@transaction.atomic
def pair_end_early(*, pair: Pair, by_user, reason: str) -> Pair:
    """End a PROPOSED or ACTIVE pair before its time, saying why (required)."""
    pair = pair_locked(pair)
    if not pair_access(by_user, pair).can_end_early:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": gettext("Say why the pair ends early.")})
    return _end(pair=pair, by_user=by_user, status=PairStatus.ENDED_EARLY, reason=reason.strip())


@transaction.atomic
def feedback_give(*, pair: Pair, by_user, rating: int, comments: str = "") -> EndFeedback:
    """A side's word on an ended pair: a rating from 1 to 5 and comments, once."""
    pair = pair_locked(pair)
    if not pair_access(by_user, pair).can_give_feedback:
        raise PermissionDenied
    author = person_for_user(by_user)
    if EndFeedback.objects.filter(pair=pair, author=author).exists():
        raise ValidationError(gettext("You have already given your feedback."))
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": gettext("Choose from 1 to 5.")})
    feedback = EndFeedback.objects.create(
        pair=pair, author=author, rating=rating, comments=comments.strip()
    )
    PairEvent.objects.create(
        pair=pair, kind=PairEventKind.FEEDBACK_GIVEN, actor=by_user, detail={"rating": rating}
    )
    return feedback
