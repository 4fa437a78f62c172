"""Fixtures shared by the tests of business results (tests/courses/test_results_*.py)."""

import pytest

from courses.models import BusinessMeasure
from people.roles import Role
from tests.factories import PersonFactory


@pytest.fixture
def measures(db):
    return {
        "deposits": BusinessMeasure.objects.create(name="存款", code="deposits", unit_label="萬元"),
        "visits": BusinessMeasure.objects.create(name="客戶拜訪", code="visits", unit_label="次"),
        "old": BusinessMeasure.objects.create(name="舊指標", code="old", is_active=False),
    }


@pytest.fixture
def pudong_people(org):
    return [PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]) for _ in range(2)]


@pytest.fixture
def puxi_person(org):
    return PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def puxi_manager(org):
    return PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
