import pytest
from django.core.cache import cache
from django.utils import translation

from people.roles import Role
from quizzes.services.attempt_layouts import layouts_clear
from tests.factories import OrgUnitFactory, PersonFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: database rows are rolled back
    between tests, cached pages and counters would not be (nor the attempts'
    layouts a process keeps, whose ids SQLite gives again)."""
    cache.clear()
    layouts_clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request in another language
    leaves it active in the thread, and the next test would read that one."""
    translation.deactivate()
    yield
    translation.deactivate()


DB_FIXTURES = (
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
)


@pytest.fixture(autouse=True)
def _replica_inside_the_test_transaction(request):
    """With DATABASE_REPLICA_URL set, the whole suite reads its dashboards and
    reports through the alias "replica" (the test settings' mirror). A test that
    did not ask for that database (`databases=`) has the alias share its own
    connection, so the mirror sees the rows of the test's open transaction; the
    tests in tests/replicas ask for it and get a connection of its own.
    Browser tests' live server runs in another thread and is not covered."""
    from django.conf import settings

    marker = request.node.get_closest_marker("django_db")
    wants_db = marker is not None or any(name in request.fixturenames for name in DB_FIXTURES)
    asked = (marker.kwargs.get("databases") or ()) if marker is not None else ()
    if not getattr(settings, "REPLICAS_ALIAS", None) or not wants_db or "replica" in asked:
        yield
        return
    from django.db import connections

    request.getfixturevalue("_django_db_helper")  # the test's database first
    own = connections["replica"]
    connections["replica"] = connections["default"]
    yield
    connections["replica"] = own


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
