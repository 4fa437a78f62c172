import pytest

from people.roles import Role
from tests.factories import PersonFactory, mentor_make


@pytest.fixture
def mentee(org):
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="新人甲")


@pytest.fixture
def mentor(org):
    return mentor_make(unit=org["pudong_team"], name="資深乙").person
