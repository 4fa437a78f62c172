"""Dashboards and reports read through the replica, every other page through
the primary, over real HTTP with the replica as its own connection.

The role groups come from data migrations, hence serialized_rollback. The
replica is the test settings' mirror of the test database, opened
read-only (PRAGMA query_only on SQLite, default_transaction_read_only on
PostgreSQL): a write through it would fail the request. The tests commit their
data (transaction=True), since the replica's connection cannot see another
connection's open transaction. Each request's statements are recorded per
connection: a marked page sends its reads to the replica and nothing but the
session and the user (with what the site knows of them) to the primary; a page not marked sends nothing to the
replica."""

import re

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)

# Read before the view, on the primary (replicas.reading_from_replica): the
# session, the user and, on a miss of people.viewer_cache, what the site knows
# of its reader (groups, permissions, Person, managed units).
BEFORE_THE_VIEW = {
    "django_session",
    "auth_user",
    "auth_group",
    "auth_permission",
    "django_content_type",
    "people_person",
    "people_orgunit",
    # The tree's view restrictions, held per generation (courses.page_tree_cache):
    # read on the primary wherever they are first needed (replicas.primary_reads).
    "wagtailcore_pageviewrestriction",
    "wagtailcore_page",
}
# A read: a query, or PostgreSQL's server-side cursor over one (QuerySet.iterator()).
READ = re.compile(r"^\s*(SELECT|WITH|DECLARE\b[^;]*?\bCURSOR\b[^;]*?\bFOR\s+SELECT)\b", re.I)
TABLE = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)

MARKED = [
    ("dashboard:home", []),
    ("dashboard:export_csv", ["assignments", "by-person"]),
    ("dashboard:export_xlsx", ["followup", "tasks"]),
    ("courses:effectiveness", []),
    ("mentorship:report", []),
    ("mentorship:report_csv", []),
    ("mentorship:report_xlsx", []),
    ("courses:case_summary", []),
    ("courses:case_summary_export", ["csv"]),
    ("courses:case_summary_export", ["xlsx"]),
]
NOT_MARKED = [("home", []), ("quizzes:drill_list", []), ("courses:case_list", [])]


@pytest.fixture
def replica_on(settings):
    settings.REPLICAS_ALIAS = "replica"


@pytest.fixture
def signed_in_manager(client, org, replica_on):
    manager = PersonFactory(
        unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]], name="支行行長"
    )
    PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="浦東甲")
    client.force_login(manager.user)
    return client


def _get(client, url):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


def _tables(statements) -> set[str]:
    return {table for sql in statements for table in TABLE.findall(sql)}


# One test per kind of page rather than per address: each transactional test
# empties and reloads the database, seconds apiece.
def test_dashboards_and_reports_read_through_the_replica(signed_in_manager):
    for name, args in MARKED:
        response, primary, replica = _get(signed_in_manager, reverse(name, args=args))
        assert response.status_code == 200, name
        assert replica, f"{name}: nothing was read through the replica"
        assert [sql for sql in replica if not READ.match(sql)] == [], name
        assert _tables(primary) <= BEFORE_THE_VIEW, (name, primary)


def test_other_pages_read_through_the_primary(signed_in_manager):
    for name, args in NOT_MARKED:
        response, primary, replica = _get(signed_in_manager, reverse(name, args=args))
        assert response.status_code == 200, name
        assert primary, name
        assert replica == [], name


def test_without_a_replica_the_marked_pages_read_through_the_primary(client, org, settings):
    settings.REPLICAS_ALIAS = None
    manager = PersonFactory(unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]])
    client.force_login(manager.user)
    response, primary, replica = _get(client, reverse("dashboard:home"))
    assert response.status_code == 200
    assert len(primary) > len(BEFORE_THE_VIEW)
    assert replica == []


def test_the_replica_refuses_writes(replica_on):
    """What makes the tests above able to fail: a write sent through the mirror
    is refused by the database itself."""
    from django.db import DatabaseError

    with pytest.raises(DatabaseError), connections["replica"].cursor() as cursor:
        cursor.execute("UPDATE auth_user SET first_name = 'x'")


def test_a_write_inside_a_marked_request_goes_to_the_primary(org, replica_on):
    from replicas import replica_reads

    person = PersonFactory(unit=org["pudong_team"], name="原名")
    with replica_reads():
        again = type(person).objects.get(pk=person.pk)
        assert again._state.db == "replica"
        again.name = "新名"
        again.save()  # would fail on the read-only replica
    assert type(person).objects.using("default").get(pk=person.pk).name == "新名"
