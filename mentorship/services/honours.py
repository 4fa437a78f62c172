"""優秀導師: a trainer names an outstanding mentor of the year, from the ranking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from notifications.services import notice_send
from people.models import Person

from ..models import MentorHonour
from ..selectors.report import may_honour


class HonourAlreadyGiven(ValidationError):
    """The mentor already holds this year's honour."""


@transaction.atomic
def mentor_honour_award(*, mentor: Person, year: int, citation: str, by_user) -> MentorHonour:
    """Name `mentor` 優秀導師 of `year` with `citation` and tell them. Trainers and
    administrators only (PermissionDenied otherwise); once per mentor and year
    (HonourAlreadyGiven, also when two trainers press at the same moment)."""
    if not may_honour(by_user):
        raise PermissionDenied
    citation = citation.strip()
    if not citation:
        raise ValidationError(_("Write the citation: why this mentor stands out."), code="required")
    if MentorHonour.objects.filter(mentor=mentor, year=year).exists():
        raise _already(mentor, year)
    try:
        with transaction.atomic():
            honour = MentorHonour.objects.create(
                mentor=mentor, year=year, citation=citation, awarded_by=by_user
            )
    except IntegrityError:
        raise _already(mentor, year) from None
    notice_send(
        recipient=mentor.user,
        message=_("You are an outstanding mentor of %(year)s: %(citation)s"),
        year=year,
        citation=citation,
    )
    return honour


def _already(mentor: Person, year: int) -> HonourAlreadyGiven:
    return HonourAlreadyGiven(
        _("%(name)s is already an outstanding mentor of %(year)s."),
        code="already_given",
        params={"name": mentor.name, "year": year},
    )
