"""RestrictionsOfTree.held_many: answers held per generation of the page
tree for several keys at once, worked out only for the keys not held."""

import pytest

from courses.page_tree_cache import RestrictionsOfTree

pytestmark = pytest.mark.django_db


def test_only_the_keys_not_held_are_worked_out():
    tree = RestrictionsOfTree("g1")
    asked = []

    def compute(keys):
        asked.append(list(keys))
        return {key: key * 10 for key in keys}

    assert tree.held_many("n", [1, 2], compute) == {1: 10, 2: 20}
    assert tree.held_many("n", [2, 3, 1], compute) == {2: 20, 3: 30, 1: 10}
    assert asked == [[1, 2], [3]]
    assert tree.held_many("other", [1], compute) == {1: 10}  # each name its own
    assert asked == [[1, 2], [3], [1]]


def test_a_key_left_unanswered_is_left_out_and_asked_again():
    tree = RestrictionsOfTree("g1")
    asked = []

    def compute(keys):
        asked.append(list(keys))
        return {key: str(key) for key in keys if key != 2}

    assert tree.held_many("n", [1, 2], compute) == {1: "1"}
    assert tree.held_many("n", [1, 2], compute) == {1: "1"}
    assert asked == [[1, 2], [2]]


def test_beyond_the_limit_answers_are_worked_out_each_time():
    tree = RestrictionsOfTree("g1")
    asked = []

    def compute(keys):
        asked.append(list(keys))
        return {key: key for key in keys}

    assert tree.held_many("n", [1, 2, 3], compute, limit=2) == {1: 1, 2: 2, 3: 3}
    assert tree.held_many("n", [1, 2, 3], compute, limit=2) == {1: 1, 2: 2, 3: 3}
    assert asked == [[1, 2, 3], [3]]
    # held() counts against the same limit
    assert tree.held("n", 4, lambda: 4, limit=2) == 4
    assert tree.held_many("n", [4], compute, limit=2) == {4: 4}
    assert asked[-1] == [4]
