import pytest
from django.core.cache import cache
from django.utils import translation

from people.roles import Role
from tests.factories import OrgUnitFactory, PersonFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: database rows are rolled back
    between tests, cached pages and counters would not be."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request in another language
    leaves it active in the thread, and the next test would read that one."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def org(db):
    """A small tree: head office > branch > two sub-branches > one team each."""
    head = OrgUnitFactory(name="總行", code="hq", kind="head_office")
    branch = OrgUnitFactory(name="華東分行", code="east", kind="branch", parent=head)
    pudong = OrgUnitFactory(name="浦東支行", code="pudong", kind="sub_branch", parent=branch)
    puxi = OrgUnitFactory(name="浦西支行", code="puxi", kind="sub_branch", parent=branch)
    pudong_team = OrgUnitFactory(name="浦東一隊", code="pudong-1", kind="team", parent=pudong)
    puxi_team = OrgUnitFactory(name="浦西一隊", code="puxi-1", kind="team", parent=puxi)
    return {
        "head": head,
        "branch": branch,
        "pudong": pudong,
        "puxi": puxi,
        "pudong_team": pudong_team,
        "puxi_team": puxi_team,
    }


@pytest.fixture
def trainee(org):
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def manager(org):
    """Manages the 浦東支行 sub-branch and so its team."""
    return PersonFactory(
        unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]], position="支行行長"
    )
