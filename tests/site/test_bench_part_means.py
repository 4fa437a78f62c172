"""part_means (tests/bench/stats.py): morning_profile's costs over a run."""

from tests.bench.stats import part_means


def test_a_growing_cost_shows_as_rising_means():
    assert part_means([1, 1, 2, 2, 3, 3, 4, 4], 4) == [1, 2, 3, 4]


def test_the_last_part_takes_the_remainder():
    assert part_means([1, 1, 1, 2, 2, 2, 5], 2) == [1, 2.75]


def test_fewer_values_than_parts_and_none():
    assert part_means([3, 5], 8) == [3, 5]
    assert part_means([], 8) == []
