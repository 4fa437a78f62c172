"""Fixtures of the tests of a pair's life; `from .life_fixtures import *` brings them in."""

import pytest

from mentorship.services.pairs import pair_create

from .life_helpers import pair_activate

__all__ = ["active", "proposed"]


@pytest.fixture
def proposed(manager, mentor, mentee):
    return pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)


@pytest.fixture
def active(proposed, manager):
    return pair_activate(proposed, manager.user)
