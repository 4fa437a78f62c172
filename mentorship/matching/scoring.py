"""The score of every mentee-mentor pair at once, as matrices.

score = w_coverage * coverage + w_proximity * proximity, and the solver takes
w_load * (load + k) / capacity off a mentor's k-th place, so that the optimum
spreads mentees over mentors rather than filling the best mentor first.

- A mentee's needs: their focus topics, the topics where their mastery is below
  `weak`, and the topics some mentor claims where the mentee has no evidence
  yet (mastery unknown). A need weighs 1 - mastery (0.5 when unknown), and a
  focus topic chosen by the manager weighs 0.5 more.
- A mentor's strength on a topic: their measured mastery where they claim the
  topic; a claim measured below `strong` counts for half, and an unmeasured
  claim for half of `strong`.
- coverage = sum of need weight x strength / sum of need weights, 0 to 1.
"""

from dataclasses import dataclass, field

import numpy as np

from .proximity import PROXIMITY, distance_code

UNKNOWN_NEED = 0.5
FOCUS_BONUS = 0.5


@dataclass
class MenteeInput:
    id: int
    unit_path: str
    mastery: dict[int, float]  # topic id -> 0..1, measured topics only
    focus: set[int] = field(default_factory=set)


@dataclass
class MentorInput:
    id: int
    unit_path: str
    mastery: dict[int, float]
    strengths: set[int]
    capacity: int
    load: int  # open pairs now

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.load)


def mentee_needs(mentee: MenteeInput, claimed: set[int], weak: float) -> dict[int, float]:
    """{topic: need weight} of one mentee (see the module's docstring)."""
    needs = {}
    for topic in mentee.focus | claimed | set(mentee.mastery):
        known = mentee.mastery.get(topic)
        if known is None:
            weight = UNKNOWN_NEED if topic in claimed else 0.0
        elif known < weak:
            weight = 1.0 - known
        else:
            weight = 0.0
        if topic in mentee.focus:
            weight = max(weight, 0.0) + FOCUS_BONUS
        if weight > 0:
            needs[topic] = weight
    return needs


def mentor_strength(mentor: MentorInput, topic: int, strong: float) -> float:
    if topic not in mentor.strengths:
        return 0.0
    measured = mentor.mastery.get(topic)
    if measured is None:
        return strong / 2
    return measured if measured >= strong else measured / 2


@dataclass
class ScoreTable:
    """Everything the solver and the explanations need, by row and column."""

    topics: list[int]
    needs: np.ndarray  # mentees x topics, need weights
    strengths: np.ndarray  # mentors x topics
    coverage: np.ndarray  # mentees x mentors, 0..1
    proximity: np.ndarray  # mentees x mentors, 0..1
    distance: list[list[str]]  # distance code by unit pair, see unit_index
    mentee_unit: np.ndarray  # row -> unit index
    mentor_unit: np.ndarray  # column -> unit index
    score: np.ndarray  # mentees x mentors, weights applied (load excluded)


def score_table(
    mentees: list[MenteeInput],
    mentors: list[MentorInput],
    *,
    weights: dict[str, float],
    weak: float,
    strong: float,
    kinds: dict[str, str],
    steplen: int,
) -> ScoreTable:
    claimed = set().union(*(m.strengths for m in mentors)) if mentors else set()
    need_rows = [mentee_needs(mentee, claimed, weak) for mentee in mentees]
    topics = sorted(set().union(claimed, *need_rows))
    column = {topic: n for n, topic in enumerate(topics)}
    needs = np.zeros((len(mentees), len(topics)))
    for row, need in enumerate(need_rows):
        for topic, weight in need.items():
            needs[row, column[topic]] = weight
    strengths = np.zeros((len(mentors), len(topics)))
    for row, mentor in enumerate(mentors):
        for topic in mentor.strengths:
            strengths[row, column[topic]] = mentor_strength(mentor, topic, strong)
    totals = needs.sum(axis=1, keepdims=True)
    coverage = (needs @ strengths.T) / np.where(totals > 0, totals, 1.0)

    # Distances are worked out once per pair of units, not per pair of people.
    units = sorted({m.unit_path for m in mentees} | {m.unit_path for m in mentors})
    unit_index = {path: n for n, path in enumerate(units)}
    distance = [[distance_code(a, b, kinds, steplen) for b in units] for a in units]
    closeness = np.array([[PROXIMITY[code] for code in row] for row in distance]).reshape(
        len(units), len(units)
    )
    mentee_unit = np.array([unit_index[m.unit_path] for m in mentees], dtype=int)
    mentor_unit = np.array([unit_index[m.unit_path] for m in mentors], dtype=int)
    proximity = closeness[np.ix_(mentee_unit, mentor_unit)]
    score = weights.get("coverage", 0.0) * coverage + weights.get("proximity", 0.0) * proximity
    return ScoreTable(
        topics=topics,
        needs=needs,
        strengths=strengths,
        coverage=coverage,
        proximity=proximity,
        distance=distance,
        mentee_unit=mentee_unit,
        mentor_unit=mentor_unit,
        score=score,
    )


def load_penalty(load: int, place: int, capacity: int) -> float:
    """The share of a mentor's places taken once their `place`-th free place
    (0-based) is filled: the later places of a busy mentor cost more."""
    return (load + place + 1) / capacity if capacity else 1.0
