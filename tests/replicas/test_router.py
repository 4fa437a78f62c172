"""The replica router's decisions and the mark for views, without HTTP.

Reads go to the replica only inside replica_reads() and only when REPLICAS_ALIAS
names a configured database; writes always go to the primary, even for an
object read from the replica."""

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory

from replicas import primary_reads, reading_from_replica, replica_alias, replica_reads
from replicas.checks import check_replica_is_not_the_primary
from replicas.router import ReplicaRouter


@pytest.fixture
def with_replica(settings):
    settings.REPLICAS_ALIAS = "replica"  # the test settings' mirror of default


@pytest.fixture
def without_replica(settings):
    settings.REPLICAS_ALIAS = None


User = get_user_model()


def test_reads_go_to_the_replica_only_inside_the_context(with_replica):
    assert router.db_for_read(User) == "default"
    with replica_reads():
        assert router.db_for_read(User) == "replica"
        assert replica_alias() == "replica"
    assert router.db_for_read(User) == "default"
    assert replica_alias() == "default"


def test_writes_go_to_the_primary_even_for_an_object_read_from_the_replica(with_replica):
    read_there = User(username="x")
    read_there._state.db = "replica"
    with replica_reads():
        assert router.db_for_write(User) == "default"
        assert router.db_for_write(User, instance=read_there) == "default"
    assert router.db_for_write(User, instance=read_there) == "default"


def test_without_a_replica_everything_stays_on_the_primary(without_replica):
    with replica_reads():
        assert router.db_for_read(User) == "default"
        assert router.db_for_write(User) == "default"
        assert replica_alias() == "default"
    assert ReplicaRouter().db_for_read(User) is None


def test_an_alias_not_in_databases_is_no_replica(settings):
    settings.REPLICAS_ALIAS = "nowhere"
    with replica_reads():
        assert router.db_for_read(User) == "default"


def test_the_replica_is_never_migrated(with_replica):
    assert ReplicaRouter().allow_migrate("replica", "people") is False
    assert ReplicaRouter().allow_migrate("default", "people") is None


def test_primary_reads_inside_replica_reads_go_to_the_primary(with_replica):
    with replica_reads():
        with primary_reads():
            assert router.db_for_read(User) == "default"
        assert router.db_for_read(User) == "replica"


def test_caches_kept_beyond_the_request_are_filled_from_the_primary(with_replica, db):
    """The tree's restrictions are held per generation: read inside a marked view
    from a replica behind a just-bumped generation, they would stay old."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from courses.page_tree_cache import page_tree_changed, restrictions_now

    page_tree_changed()
    with CaptureQueriesContext(connections["default"]) as primary, replica_reads():
        restrictions_now()
    assert primary.captured_queries  # and none was routed to "replica" (not allowed here)


def test_the_context_is_undone_after_an_error(with_replica):
    with pytest.raises(RuntimeError), replica_reads():
        raise RuntimeError("the view failed")
    assert router.db_for_read(User) == "default"


class _Seen:
    def __init__(self):
        self.alias = None

    def view(self, request):
        self.alias = router.db_for_read(User)
        return HttpResponse("ok")


@pytest.mark.parametrize(
    "method,alias", [("get", "replica"), ("head", "replica"), ("post", "default")]
)
def test_a_marked_view_reads_from_the_replica_on_get_and_head_only(with_replica, method, alias):
    seen = _Seen()
    marked = reading_from_replica(seen.view)
    request = getattr(RequestFactory(), method)("/")
    assert marked(request).status_code == 200
    assert seen.alias == alias
    assert router.db_for_read(User) == "default"  # and only while it runs
    assert marked.reads_from_replica is True


def test_the_mark_loads_the_user_before_reading_from_the_replica(with_replica):
    """The session and the user come from the primary: a session made a moment
    ago may not have reached the replica yet."""
    decided = []

    class LazyUser:
        @property
        def is_authenticated(self):
            decided.append(router.db_for_read(User))
            return True

    request = RequestFactory().get("/")
    request.user = LazyUser()
    reading_from_replica(lambda request: HttpResponse("ok"))(request)
    assert decided == ["default"]


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_check_warns_of_a_replica_that_is_the_primary(settings):
    primary = settings.DATABASES["default"]
    same = {k: v for k, v in primary.items() if k != "TEST"}
    settings.DATABASES = {**settings.DATABASES, "copy": same}
    settings.REPLICAS_ALIAS = "copy"
    found = check_replica_is_not_the_primary(None)
    assert [message.id for message in found] == ["replicas.W001"]
    assert isinstance(found[0], checks.Warning)


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_check_is_quiet_without_a_replica_and_for_the_test_mirror(settings):
    settings.REPLICAS_ALIAS = None
    assert check_replica_is_not_the_primary(None) == []
    settings.REPLICAS_ALIAS = "replica"
    assert check_replica_is_not_the_primary(None) == []
    other = {**settings.DATABASES["default"], "NAME": "elsewhere"}
    settings.DATABASES = {**settings.DATABASES, "other": other}
    settings.REPLICAS_ALIAS = "other"
    assert check_replica_is_not_the_primary(None) == []
