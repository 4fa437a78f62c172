"""The hard rules of pairing, never broken by a suggestion or by a manager's hand:

- both people lie in the deciding manager's scope (people.selectors.people_managed_by);
- nobody mentors themself, and only a mentor with an ACTIVE profile mentors;
- a mentor is never one of the mentee's line managers (manages a unit above them);
- a mentor never takes more open pairs than the capacity of their profile;
- a mentee has one open pair at a time;
- a pair that ended early is not made again within MENTORSHIP_EARLY_END_COOLDOWN_DAYS.

`PairingRules.load` reads what the rules need for any number of people in a
fixed number of queries, so a suggestion run checks thousands of candidate
pairs without a query each; `problems` then answers for one pair in memory.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from people.selectors import managed_unit_paths, people_managed_by

from .conf import mentorship_settings
from .models import MentorProfile, MentorStatus, Pair, PairStatus
from .models.pairs import OPEN_STATUSES

# Why a pair may not be made, by code; the codes are kept on records and tests.
RULE_MESSAGES = {
    "mentee_out_of_scope": _("The mentee is not in your scope."),
    "mentor_out_of_scope": _("The mentor is not in your scope."),
    "self": _("Nobody can mentor themself."),
    "not_a_mentor": _("This person has no active mentor profile."),
    "line_manager": _("A mentor cannot be the mentee's own line manager."),
    "over_capacity": _("The mentor has no free place: all their places are taken."),
    "mentee_has_pair": _("The mentee already has a mentor."),
    "ended_early_recently": _("This pair ended early too recently to be made again."),
}


@dataclass
class PairingRules:
    """What the rules need to know, loaded once for a set of mentors and mentees."""

    in_scope: set[int]
    active_mentors: dict[int, int]  # person id -> capacity
    open_load: dict[int, int]  # mentor id -> open pairs
    mentees_with_pair: set[int]
    recent_early_ends: set[tuple[int, int]]  # (mentor id, mentee id)
    manager_paths: dict[int, list[str]]  # mentor id -> paths of the units they manage
    unit_paths: dict[int, str]  # person id -> path of their unit
    extra_load: dict[int, int] = field(default_factory=dict)  # places taken in this run

    @classmethod
    def load(cls, *, user, mentor_ids, mentee_ids, today: date) -> "PairingRules":
        mentor_ids, mentee_ids = set(mentor_ids), set(mentee_ids)
        everyone = mentor_ids | mentee_ids
        scope = people_managed_by(user).filter(pk__in=everyone).values_list("pk", "unit__path")
        unit_paths = dict(scope)
        profiles = MentorProfile.objects.filter(
            person_id__in=mentor_ids, status=MentorStatus.ACTIVE
        ).values_list("person_id", "capacity")
        loads = (
            Pair.objects.filter(mentor_id__in=mentor_ids, status__in=OPEN_STATUSES)
            .values("mentor_id")
            .annotate(n=Count("pk"))
            .values_list("mentor_id", "n")
        )
        cutoff = today - timedelta(days=mentorship_settings.EARLY_END_COOLDOWN_DAYS)
        early = Pair.objects.filter(
            mentor_id__in=mentor_ids,
            mentee_id__in=mentee_ids,
            status=PairStatus.ENDED_EARLY,
            ended_on__gte=cutoff,
        ).values_list("mentor_id", "mentee_id")
        paired = Pair.objects.filter(
            mentee_id__in=mentee_ids, status__in=OPEN_STATUSES
        ).values_list("mentee_id", flat=True)
        return cls(
            in_scope=set(unit_paths),
            active_mentors=dict(profiles),
            open_load=dict(loads),
            mentees_with_pair=set(paired),
            recent_early_ends=set(early),
            manager_paths=managed_unit_paths(mentor_ids),
            unit_paths=unit_paths,
        )

    def free_places(self, mentor_id: int) -> int:
        capacity = self.active_mentors.get(mentor_id, 0)
        taken = self.open_load.get(mentor_id, 0) + self.extra_load.get(mentor_id, 0)
        return max(0, capacity - taken)

    def is_line_manager(self, mentor_id: int, mentee_id: int) -> bool:
        path = self.unit_paths.get(mentee_id, "")
        return any(path.startswith(p) for p in self.manager_paths.get(mentor_id, ()))

    def allowed(self, mentor_ids: list[int], mentee_ids: list[int]) -> np.ndarray:
        """A mentees x mentors table of the pairs no rule forbids, places aside
        (the solver hands out places, at most the free ones): the same rules as
        `problems`, for a whole run at once without a Python call per pair."""
        rows = np.array(
            [m in self.in_scope and m not in self.mentees_with_pair for m in mentee_ids], bool
        )
        columns = np.array(
            [m in self.in_scope and m in self.active_mentors for m in mentor_ids], bool
        )
        allowed = np.outer(rows, columns)
        row_of = {mentee: n for n, mentee in enumerate(mentee_ids)}
        for column, mentor in enumerate(mentor_ids):
            if mentor in row_of:
                allowed[row_of[mentor], column] = False
            for path in self.manager_paths.get(mentor, ()):
                for row, mentee in enumerate(mentee_ids):
                    if self.unit_paths.get(mentee, "").startswith(path):
                        allowed[row, column] = False
        column_of = {mentor: n for n, mentor in enumerate(mentor_ids)}
        for mentor, mentee in self.recent_early_ends:
            if mentor in column_of and mentee in row_of:
                allowed[row_of[mentee], column_of[mentor]] = False
        return allowed

    def problems(self, mentor_id: int, mentee_id: int, *, check_capacity: bool = True) -> list[str]:
        """Codes of RULE_MESSAGES this pair breaks, empty when it may be made."""
        found = []
        if mentee_id not in self.in_scope:
            found.append("mentee_out_of_scope")
        if mentor_id not in self.in_scope:
            found.append("mentor_out_of_scope")
        if mentor_id == mentee_id:
            found.append("self")
        if mentor_id not in self.active_mentors:
            found.append("not_a_mentor")
        if self.is_line_manager(mentor_id, mentee_id):
            found.append("line_manager")
        if check_capacity and mentor_id in self.active_mentors and not self.free_places(mentor_id):
            found.append("over_capacity")
        if mentee_id in self.mentees_with_pair:
            found.append("mentee_has_pair")
        if (mentor_id, mentee_id) in self.recent_early_ends:
            found.append("ended_early_recently")
        return found


def rule_messages(codes) -> list[str]:
    return [str(RULE_MESSAGES[code]) for code in codes]
