"""The pure side of suggestions: tree distance, scores, and the solver's
optimality against brute force on small random cases."""

import itertools
import random

import numpy as np
import pytest

from mentorship.matching.proximity import distance_code
from mentorship.matching.scoring import MenteeInput, MentorInput, mentee_needs, score_table
from mentorship.matching.solve import solve, total_value

KINDS = {
    "0001": "head_office",
    "00010001": "branch",
    "000100010001": "sub_branch",
    "0001000100010001": "team",
    "0001000100010002": "team",
    "000100010002": "sub_branch",
    "0001000100020001": "team",
    "00010002": "branch",
    "000100020001": "sub_branch",
}


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [
        ("0001000100010001", "0001000100010001", "same_unit"),
        ("0001000100010001", "0001000100010002", "same_sub_branch"),
        ("0001000100010001", "000100010001", "same_sub_branch"),
        ("0001000100010001", "0001000100020001", "same_branch"),
        ("0001000100010001", "000100020001", "far"),
    ],
)
def test_distance_in_the_tree(a, b, code):
    assert distance_code(a, b, KINDS, 4) == code


def test_needs_are_focus_weak_and_unknown_claimed_topics():
    mentee = MenteeInput(id=1, unit_path="x", mastery={1: 0.2, 2: 0.9, 3: 0.5}, focus={4})
    needs = mentee_needs(mentee, claimed={5, 2}, weak=0.6)
    assert set(needs) == {1, 3, 4, 5}
    assert needs[1] > needs[3]  # the weaker, the more it is needed


def test_a_strong_mentor_covers_more_and_a_close_one_scores_more():
    mentee = MenteeInput(id=1, unit_path="0001000100010001", mastery={1: 0.1})
    strong = MentorInput(2, "0001000100020001", {1: 0.95}, {1}, capacity=2, load=0)
    weak_claim = MentorInput(3, "0001000100020001", {1: 0.4}, {1}, capacity=2, load=0)
    near = MentorInput(4, "0001000100010001", {1: 0.4}, {1}, capacity=2, load=0)
    table = score_table(
        [mentee],
        [strong, weak_claim, near],
        weights={"coverage": 1.0, "proximity": 0.5},
        weak=0.6,
        strong=0.7,
        kinds=KINDS,
        steplen=4,
    )
    assert table.coverage[0, 0] > table.coverage[0, 1]
    assert table.score[0, 2] > table.score[0, 1]
    assert table.distance[table.mentee_unit[0]][table.mentor_unit[2]] == "same_unit"


def brute_force(score, allowed, capacity, load, load_weight):
    """The best (matched, total) over every feasible assignment."""
    rows, mentors = score.shape
    best = (0, 0.0)
    for choice in itertools.product([None, *range(mentors)], repeat=rows):
        taken = [0] * mentors
        total, matched, feasible = 0.0, 0, True
        for row, mentor in enumerate(choice):
            if mentor is None:
                continue
            if not allowed[row, mentor] or load[mentor] + taken[mentor] >= capacity[mentor]:
                feasible = False
                break
            taken[mentor] += 1
            matched += 1
        if not feasible:
            continue
        for mentor in range(mentors):
            # The k-th place of a mentor costs (load + k) / capacity, in the order filled.
            for k in range(taken[mentor]):
                total -= load_weight * (load[mentor] + k + 1) / capacity[mentor]
        total += sum(score[row, m] for row, m in enumerate(choice) if m is not None)
        if (matched, total) > (best[0], best[1] + 1e-9):
            best = (matched, total)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_the_solver_finds_the_best_assignment(seed):
    rng = random.Random(seed)
    rows, mentors = rng.randint(1, 6), rng.randint(1, 4)
    score = np.array([[rng.random() for _ in range(mentors)] for _ in range(rows)])
    allowed = np.array([[rng.random() > 0.3 for _ in range(mentors)] for _ in range(rows)])
    capacity = [rng.randint(1, 3) for _ in range(mentors)]
    load = [rng.randint(0, c) for c in capacity]
    weight = rng.choice([0.0, 0.3, 1.0])
    placements = solve(score, allowed, capacity=capacity, load=load, load_weight=weight)
    for p in placements:
        assert allowed[p.mentee, p.mentor]
    per_mentor = [sum(1 for p in placements if p.mentor == m) for m in range(mentors)]
    assert all(load[m] + per_mentor[m] <= capacity[m] for m in range(mentors))
    assert len({p.mentee for p in placements}) == len(placements)
    matched, total = total_value(placements)
    best_matched, best_total = brute_force(score, allowed, capacity, load, weight)
    assert matched == best_matched
    assert total == pytest.approx(best_total, abs=1e-9)


def test_nothing_to_solve():
    assert (
        solve(np.zeros((2, 0)), np.zeros((2, 0), bool), capacity=[], load=[], load_weight=0.3) == []
    )
    nobody_allowed = np.zeros((2, 2), bool)
    assert solve(np.ones((2, 2)), nobody_allowed, capacity=[1, 1], load=[0, 0], load_weight=0) == []


def test_the_sites_urls_do_not_import_scipy():
    """scipy.optimize costs about a second to import: a web process loads it
    when a run solves, not with its first request."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import mentorship.matching.solve; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "site"), str(root)])}
    env.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.test")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"
