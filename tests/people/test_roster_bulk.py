"""Applying a roster writes in bulk: the queries do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Person, RosterImport
from people.roles import GROUP_NAMES, Role
from people.roster import roster_apply, roster_plan, roster_plan_apply, roster_preview

pytestmark = pytest.mark.django_db

# A per-row writer needs several queries a row: 2,000 rows would take thousands.
# Django splits a bulk statement only at the database's parameter limit (999 on
# SQLite; none on PostgreSQL), so this budget holds for both sizes.
BUDGET = 80
UNITS = ["總行/華東分行/浦東支行/浦東一隊", "總行/華東分行/浦西支行/浦西一隊"]


def roster(size, *, position="客戶經理", roles="trainee;trainer", manager="no"):
    lines = ["employee_id,name,unit,position,hire_date,manager,roles,email,grade"]
    for n in range(size):
        lines.append(
            f"E{n:05d},員工{n},{UNITS[n % 2]},{position},2020-01-0{1 + n % 9},{manager},"
            f"{roles},e{n}@example.com,junior"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def applied_queries(data):
    roster_import = roster_preview(file_name="roster.csv", data=data)
    assert roster_import.status == RosterImport.Status.PREVIEWED, roster_import.errors[:3]
    with CaptureQueriesContext(connection) as queries:
        roster_apply(roster_import=roster_import)
    return len(queries)


@pytest.mark.parametrize("size", [100, 2000])
def test_create_then_update_within_one_budget(org, size, django_assert_max_num_queries):
    roster_import = roster_preview(file_name="roster.csv", data=roster(size))
    assert roster_import.status == RosterImport.Status.PREVIEWED
    with django_assert_max_num_queries(BUDGET):
        roster_apply(roster_import=roster_import)
    assert Person.objects.count() == size
    last = Person.objects.get(employee_id=f"E{size - 1:05d}")
    assert last.user.email == f"e{size - 1}@example.com"
    assert set(last.user.groups.values_list("name", flat=True)) == {
        GROUP_NAMES[Role.TRAINEE],
        GROUP_NAMES[Role.TRAINER],
    }

    changed = roster(size, position="高級客戶經理", roles="trainee", manager="yes")
    roster_import = roster_preview(file_name="roster.csv", data=changed)
    assert roster_import.summary["updates"] == size
    with django_assert_max_num_queries(BUDGET):
        roster_apply(roster_import=roster_import)
    last.refresh_from_db()
    assert last.position == "高級客戶經理"
    assert last.managed_units.get() == last.unit
    assert set(last.user.groups.values_list("name", flat=True)) == {
        GROUP_NAMES[Role.TRAINEE],
        GROUP_NAMES[Role.MANAGER],
    }


def test_the_count_does_not_follow_the_rows(org):
    few = applied_queries(roster(100))
    Person.objects.all().delete()
    many = applied_queries(roster(2000).replace(b"E0", b"F0"))
    if connection.vendor == "postgresql":
        assert many == few
    else:  # SQLite: Django splits statements at 999 parameters, a few per thousand rows
        assert many - few < 60, (few, many)
    print(f"roster apply queries: {few} for 100 rows, {many} for 2000 rows")


def test_progress_is_reported_per_chunk(org):
    plan = roster_plan(
        [
            {"row": n + 2, "values": {"employee_id": f"E{n}", "name": "甲", "unit": "總行"}}
            for n in range(25)
        ]
    )
    calls = []
    roster_plan_apply(
        plan=plan, on_progress=lambda done, total: calls.append((done, total)), chunk_size=10
    )
    assert calls == [(0, 25), (10, 25), (20, 25), (25, 25)]
    assert Person.objects.count() == 25
