"""One optimal assignment of mentees to mentors' free places.

Each free place of a mentor is a column; its value for a mentee is the pair's
score less the load penalty of that place. A forbidden pair is absent (an
infinite cost, which linear_sum_assignment never picks, rather than a large
number that it might). The objective is lexicographic: first as many mentees
with a mentor as the hard rules allow (a maximum bipartite matching tells how
many), then the highest total value. The mentees who must go without share
that many "no mentor" columns of cost 0, so the problem is always feasible and
no more mentees than necessary are left out.
"""

from dataclasses import dataclass

import numpy as np

from .scoring import load_penalty

# scipy is imported where a run solves, not with this module: the site's URLs
# reach it through the suggestion pages, and importing scipy.optimize took
# about a second of every web process's first request.


@dataclass(frozen=True)
class Placement:
    mentee: int  # row
    mentor: int  # column of the score matrix
    place: int  # 0-based among the mentor's free places
    value: float  # score less the load penalty


def place_columns(free: list[int], rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(mentor index, place number) of every place column; no mentor needs
    more places than there are mentees."""
    counts = np.minimum(np.asarray(free, dtype=int), rows)
    mentor_of = np.repeat(np.arange(len(counts)), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return mentor_of, np.arange(len(mentor_of)) - starts


def solve(
    score: np.ndarray,
    allowed: np.ndarray,
    *,
    capacity: list[int],
    load: list[int],
    load_weight: float,
) -> list[Placement]:
    """The placements of an optimal assignment; rows left out have no mentor."""
    rows, mentors = score.shape
    free = [max(0, c - n) for c, n in zip(capacity, load, strict=True)]
    mentor_of, place = place_columns(free, rows)
    if rows == 0 or len(mentor_of) == 0 or not allowed.any():
        return []
    caps = np.asarray(capacity, dtype=float)[mentor_of]
    penalty = load_weight * (np.asarray(load, dtype=float)[mentor_of] + place + 1) / caps
    value = score[:, mentor_of] - penalty[None, :]
    ok = allowed[:, mentor_of]
    real = np.where(ok, -value, np.inf)
    chosen = None
    if len(mentor_of) >= rows:
        try:  # a mentor for everyone, the common case: no matching to count
            chosen = _assign(real)
        except ValueError:  # some must go without: see how many, below
            chosen = None
    if chosen is None:
        left_out = rows - most_matched(ok)
        chosen = _assign(np.hstack([real, np.zeros((rows, left_out))]))
    chosen_rows, chosen_columns = chosen
    placements = []
    for row, column in zip(chosen_rows.tolist(), chosen_columns.tolist(), strict=True):
        if column < len(mentor_of):
            placements.append(
                Placement(
                    mentee=row,
                    mentor=int(mentor_of[column]),
                    place=int(place[column]),
                    value=float(value[row, column]),
                )
            )
    return placements


def _assign(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """linear_sum_assignment of a rows <= columns cost matrix, solved square
    and transposed (places as rows, padded with rows of cost 0 that stand for
    unused places): on place columns, where a mentor's places are nearly alike,
    that is several times faster than the same problem as given."""
    from scipy.optimize import linear_sum_assignment

    rows, columns = cost.shape
    square = np.zeros((columns, columns))
    square[:rows] = cost
    column_of, row_of = linear_sum_assignment(square.T)
    real = row_of < rows
    order = np.argsort(row_of[real])
    return row_of[real][order], column_of[real][order]


def most_matched(ok: np.ndarray) -> int:
    """How many rows a maximum matching of the allowed row-column pairs covers."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    matched = maximum_bipartite_matching(csr_matrix(ok), perm_type="column")
    return int((matched >= 0).sum())


def total_value(placements: list[Placement]) -> tuple[int, float]:
    """(mentees with a mentor, total value): what `solve` maximises, in that order."""
    return len(placements), sum(p.value for p in placements)


__all__ = ["Placement", "load_penalty", "place_columns", "solve", "total_value"]
