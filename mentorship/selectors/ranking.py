"""Each mentor's effectiveness: the mean of their mentees' outcomes (the
mentee's change minus the comparable colleagues' change), resting only on
pairs with enough comparable colleagues to mean something. The count shown
beside it is of pairs, not meetings."""

from collections import defaultdict
from dataclasses import dataclass

from people.models import Person

from .outcomes import PairOutcome


@dataclass(frozen=True)
class MentorScore:
    mentor: Person
    effectiveness: float | None  # None when no pair can be counted yet
    pairs: int  # the pairs it rests on
    left_out: int  # measured pairs not counted: too few comparable colleagues


def mentor_ranking(outcomes: list[PairOutcome]) -> list[MentorScore]:
    """Mentors best first; those with nothing to count yet last, by name."""
    counted: dict[int, list[float]] = defaultdict(list)
    left_out: dict[int, int] = defaultdict(int)
    mentors: dict[int, Person] = {}
    for outcome in outcomes:
        if not outcome.measured:
            continue
        mentor = outcome.pair.mentor
        mentors[mentor.pk] = mentor
        if outcome.too_few or outcome.difference is None:
            left_out[mentor.pk] += 1
        else:
            counted[mentor.pk].append(outcome.difference)
    scores = [
        MentorScore(
            mentor=mentor,
            effectiveness=(sum(counted[pk]) / len(counted[pk])) if counted[pk] else None,
            pairs=len(counted[pk]),
            left_out=left_out[pk],
        )
        for pk, mentor in mentors.items()
    ]
    return sorted(
        scores,
        key=lambda s: (s.effectiveness is None, -(s.effectiveness or 0), s.mentor.name),
    )
