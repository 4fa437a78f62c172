"""The manager dashboard tests' organisation; `from .dashboard_fixtures import *` brings it in."""

import pytest

from people.roles import Role
from tests.factories import OrgUnitFactory, PersonFactory

__all__ = ["world"]


@pytest.fixture
def world(org):
    """The conftest's tree (總行 > 華東分行 > 浦東支行/浦西支行 > one team each),
    plus a second branch; a branch manager, a sub-branch manager, a team head,
    an administrator and people in each place."""
    south = OrgUnitFactory(name="華南分行", code="south", kind="branch", parent=org["head"])
    w = dict(org, south=south)
    w["branch_manager"] = PersonFactory(
        unit=org["branch"], user__roles=[Role.MANAGER], manages=[org["branch"]], name="分行行長"
    )
    w["sub_manager"] = PersonFactory(
        unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]], name="支行行長"
    )
    w["team_head"] = PersonFactory(
        unit=org["pudong_team"],
        user__roles=[Role.MANAGER],
        manages=[org["pudong_team"]],
        name="浦東隊長",
    )
    w["south_manager"] = PersonFactory(
        unit=south, user__roles=[Role.MANAGER], manages=[south], name="華南行長"
    )
    w["admin"] = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR], name="管理員")
    w["trainee"] = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="浦東甲")
    w["colleague"] = PersonFactory(
        unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="浦東乙"
    )
    w["puxi_person"] = PersonFactory(
        unit=org["puxi_team"], user__roles=[Role.TRAINEE], name="浦西丙"
    )
    w["south_person"] = PersonFactory(unit=south, user__roles=[Role.TRAINEE], name="華南丁")
    w["trainer"] = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER], name="內訓師")
    return w
