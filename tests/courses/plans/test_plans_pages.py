"""The plans' pages: query budgets at two sizes (flat), the trainee's home
panel and the training record's section, and the navigation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import PlanAssignee
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

from .conftest import assign

FEW, MANY = 2, 12


def flat(counts):
    few, many = counts
    assert few == many, f"{few} queries with few rows, {many} with many"


def team_of(org, size):
    return [PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]) for _ in range(size)]


def test_the_list_takes_the_same_queries_for_few_and_many(
    client, manager, org, course, drill, django_assert_max_num_queries
):
    client.force_login(manager.user)
    today = timezone.localdate()
    counts = []
    made = 0
    for size in (FEW, MANY):
        team_of(org, size)
        while made < size:
            assign(
                manager,
                course=course if made % 2 else None,
                drill=None if made % 2 else drill,
                unit=org["pudong"],
                starts=today - datetime.timedelta(days=10),
                due=today + datetime.timedelta(days=made - 3),
            )
            made += 1
        counts.append(
            queries_of(client, reverse("courses:plan_list"), 16, django_assert_max_num_queries)
        )
        counts_overdue = queries_of(
            client,
            reverse("courses:plan_list"),
            16,
            django_assert_max_num_queries,
            data={"status": "overdue"},
        )
        assert counts_overdue <= counts[-1] + 1
    flat(counts)


def test_the_assignment_page_takes_the_same_queries_for_few_and_many(
    client, manager, org, course, django_assert_max_num_queries
):
    client.force_login(manager.user)
    assignment = assign(manager, course=course, unit=org["pudong"])
    url = reverse("courses:plan_detail", args=[assignment.pk])
    counts = []
    for size in (FEW, MANY):
        team_of(org, size)  # newcomers join the open assignment
        counts.append(queries_of(client, url, 16, django_assert_max_num_queries))
    assert PlanAssignee.objects.filter(assignment=assignment).count() == 1 + FEW + MANY
    flat(counts)


def test_the_list_counts_people_by_status(client, manager, org, trainee, course):
    today = timezone.localdate()
    other = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    assignment = assign(
        manager,
        course=course,
        unit=org["pudong_team"],
        starts=today - datetime.timedelta(days=9),
        due=today - datetime.timedelta(days=1),
    )
    PlanAssignee.objects.filter(assignment=assignment, person=other).update(
        completed_at=timezone.now()
    )
    client.force_login(manager.user)
    html = client.get(reverse("courses:plan_list")).content.decode()
    assert 'data-status="overdue" data-count="1"' in html
    assert 'data-status="done" data-count="1"' in html
    page = client.get(reverse("courses:plan_detail", args=[assignment.pk])).content.decode()
    assert f'data-person="{trainee.pk}" data-status="overdue"' in page
    assert f'data-person="{other.pk}" data-status="done"' in page


def test_the_trainee_sees_overdue_due_soon_and_assigned_on_home(
    client, manager, trainee, course, drill
):
    today = timezone.localdate()
    assign(
        manager,
        course=course,
        person=trainee,
        starts=today - datetime.timedelta(days=9),
        due=today - datetime.timedelta(days=1),
    )
    assign(manager, drill=drill, person=trainee, due=today + datetime.timedelta(days=2))
    later = assign(manager, course=course, person=trainee, due=today + datetime.timedelta(days=40))
    client.force_login(trainee.user)
    html = client.get("/").content.decode()
    assert 'data-group="overdue"' in html and 'data-group="due_soon"' in html
    assert 'data-group="assigned"' in html
    assert course.url in html
    assert reverse("quizzes:drill_take", args=[drill.pk]) in html
    assert f'data-assignee="{PlanAssignee.objects.get(assignment=later).pk}"' in html


def test_no_panel_without_assignments(client, trainee):
    client.force_login(trainee.user)
    assert 'data-group="' not in client.get("/").content.decode()


def test_the_training_record_lists_the_plans(client, manager, trainee, course):
    row_of = assign(manager, course=course, person=trainee)
    client.force_login(manager.user)
    response = client.get(reverse("people:record", args=[trainee.pk]))
    assert response.status_code == 200
    row = PlanAssignee.objects.get(assignment=row_of)
    assert f'data-assignee="{row.pk}" data-status="not_started"' in response.content.decode()


@pytest.mark.parametrize("who,shown", [("manager", True), ("trainee", False)])
def test_navigation_for_managers_only(db, client, request, who, shown):
    # `db` named here: pytest-django orders tests by the database fixtures they
    # declare, and one asked for by getfixturevalue() would run after the
    # browser tests have flushed the role groups.
    client.force_login(request.getfixturevalue(who).user)
    html = client.get("/").content.decode()
    assert (f'href="{reverse("courses:plan_list")}"' in html) is shown


def test_the_form_takes_the_same_queries_for_few_and_many_people(
    client, manager, org, course, drill, django_assert_max_num_queries
):
    client.force_login(manager.user)
    counts = []
    for size in (FEW, MANY):
        team_of(org, size)
        counts.append(
            queries_of(client, reverse("courses:plan_new"), 16, django_assert_max_num_queries)
        )
    flat(counts)


def test_the_home_panels_rows_are_those_of_the_status_query(manager, trainee, course, drill):
    """The panel's rows are written out (plan_rows): the same assignees, order
    and statuses as assignees_with_status filtered as the panel was."""
    from courses.models import PlanAssignment
    from courses.selectors.plan_rows import open_assignees_of
    from courses.selectors.plans import assignees_with_status

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assign(manager, course=course, person=trainee, starts=today - 9 * day, due=today - day)
    started = assign(manager, drill=drill, person=trainee, due=today + 2 * day)
    PlanAssignee.objects.filter(assignment=started).update(started_at=timezone.now())
    assign(manager, course=course, person=trainee, due=today + 40 * day)
    assign(manager, course=course, person=trainee, starts=today + day)  # not started yet
    done = assign(manager, course=course, person=trainee, due=today + 3 * day)
    PlanAssignee.objects.filter(assignment=done).update(completed_at=timezone.now())
    gone = assign(manager, drill=drill, person=trainee, due=today + 4 * day)
    PlanAssignment.objects.filter(pk=gone.pk).update(withdrawn_at=timezone.now())
    assign(
        manager, course=course, person=PersonFactory(unit=trainee.unit, user__roles=[Role.TRAINEE])
    )

    expected = list(
        assignees_with_status(today=today)
        .filter(person=trainee, completed_at__isnull=True, assignment__starts_on__lte=today)
        .order_by("assignment__due_on", "pk")
    )
    rows = open_assignees_of(trainee, today=today, limit=10)
    assert [(row.pk, row.status) for row in rows] == [(row.pk, row.status) for row in expected]
    assert [row.status for row in rows] == ["overdue", "in_progress", "not_started"]
    assert rows[1].assignment.drill == drill and rows[0].assignment.drill is None
    assert len(open_assignees_of(trainee, today=today, limit=2)) == 2
