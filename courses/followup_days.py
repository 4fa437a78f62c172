"""The follow-up checkpoints a course sets: days after completion, as "30,90"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DAYS = 730


def followup_days_parse(text: str) -> list[int]:
    """ "30, 90" -> [30, 90]; ValidationError naming the first bad part."""
    days = []
    for part in (text or "").replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= MAX_DAYS:
            raise ValidationError(
                _("“%(part)s” is not a number of days from 1 to %(max)s.")
                % {"part": part, "max": MAX_DAYS}
            )
        days.append(int(part))
    return sorted(set(days))


def validate_followup_days(text: str) -> None:
    followup_days_parse(text)
