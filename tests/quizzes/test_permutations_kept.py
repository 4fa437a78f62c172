"""A question's order of choices for a seed is shuffled once per process
(quizzes.presentation._shuffled) and each caller gets its own list."""

import random

from quizzes import presentation


def test_the_order_is_the_seeded_shuffle_and_each_caller_gets_its_own_copy():
    presentation._shuffled.cache_clear()
    expected = list(range(5))
    random.Random(4711).shuffle(expected)
    first = presentation._permutation(5, 4711, True)
    assert first == expected
    first.reverse()  # a caller's change is its own
    assert presentation._permutation(5, 4711, True) == expected
    assert presentation._shuffled.cache_info().hits == 1
    assert presentation._permutation(5, 4711, False) == [0, 1, 2, 3, 4]
