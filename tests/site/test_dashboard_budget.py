"""The manager dashboard's query budget: the page and every export take the
same number of queries for a team of 60 as for 200 (each with status 200),
within a fixed budget; a team of 10, all on the first page, takes fewer
(no count of people, totals added up from the page's rows)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import FollowUpTask, PlanAssignee, PlanAssignment
from hostsite.dashboard.scope import PAGE_SIZE
from quizzes.models import MasterySnapshot, MemoryState, UnitTopicDay
from tests.budgets import queries_of

from .dashboard_builders import course_make, drill_for, rollup_done, team_of
from .dashboard_fixtures import *  # noqa: F403 (the fixture world)
from .test_dashboard_scope import EXPORTS

pytestmark = pytest.mark.django_db

SIZES = (10, 60, 200)
ONE_PAGE_BUDGET = 11  # 11 today (SQLite: the session is one of them)
PAGE_BUDGET = 16  # 16 today (the follow-up counted by the query that lists it)
EXPORT_BUDGET = 6  # 3 to 5 today


def give_everyone_figures(people, *, drill, course, topics, question, unit):
    """Every kind of row the sections read, for each of `people`."""
    now, today = timezone.now(), timezone.localdate()
    for n, person in enumerate(people):
        assignment = PlanAssignment.objects.create(
            drill=drill,
            person=person,
            starts_on=today - timedelta(days=30),
            due_on=today + timedelta(days=n % 3 - 1),
            created_at=now,
        )
        PlanAssignee.objects.create(
            assignment=assignment,
            person=person,
            added_at=now,
            started_at=now if n % 2 else None,
        )
    FollowUpTask.objects.bulk_create(
        FollowUpTask(
            person=person,
            course=course,
            completed_on=today - timedelta(days=30),
            kind="behaviour",
            checkpoint_days=30,
            due_on=today,
            created_at=now,
        )
        for person in people
    )
    MasterySnapshot.objects.bulk_create(
        MasterySnapshot(person=person, topic=topic, date=today, mastery=0.5)
        for person in people
        for topic in topics
    )
    MemoryState.objects.bulk_create(
        MemoryState(person=person, question=question, due=now - timedelta(hours=1))
        for person in people
    )
    UnitTopicDay.objects.filter(unit=unit).delete()
    UnitTopicDay.objects.bulk_create(
        UnitTopicDay(
            unit=unit,
            topic=topic,
            date=today - timedelta(days=days),
            people=len(people),
            mastery_sum=0.5 * len(people),
            answers=3,
            score_sum=2,
        )
        for topic in topics
        for days in range(0, 360, 30)
    )


def test_the_dashboard_and_its_exports_cost_the_same_for_60_as_for_200(
    client, world, django_assert_max_num_queries
):
    drill, topic, question = drill_for()
    topics = [topic, *(drill_for(f"主題{n}")[1] for n in range(3))]
    course = course_make()
    rollup_done()
    unit = world["pudong_team"]
    client.force_login(world["team_head"].user)
    page_counts, export_counts = [], []
    people = []
    for size in SIZES:
        new = team_of(unit, size - len(people), prefix=f"規模{size}-")
        give_everyone_figures(
            new, drill=drill, course=course, topics=topics, question=question, unit=unit
        )
        people += new
        url = reverse("dashboard:home")
        budget = ONE_PAGE_BUDGET if size <= PAGE_SIZE else PAGE_BUDGET
        page_counts.append(queries_of(client, url, budget, django_assert_max_num_queries))
        html = client.get(url).content.decode()
        assert html.count("<tr data-person=") >= 3 * min(size, 50)
        exports = []
        for section, table in EXPORTS:
            for fmt in ("csv", "xlsx"):
                export_url = reverse(f"dashboard:export_{fmt}", args=[section, table])
                exports.append(
                    queries_of(client, export_url, EXPORT_BUDGET, django_assert_max_num_queries)
                )
        export_counts.append(exports)
        rows = client.get(reverse("dashboard:export_csv", args=["reviews", "reviews"]))
        assert rows.content.decode("utf-8-sig").count("\r\n") >= size + 1
    assert page_counts[0] < page_counts[1] == page_counts[2], f"page: {page_counts}"
    assert export_counts[0] == export_counts[1] == export_counts[2], f"exports: {export_counts}"


def test_a_page_beyond_the_last_shows_the_last(client, world):
    team_of(world["pudong_team"], 60)
    client.force_login(world["team_head"].user)
    response = client.get(reverse("dashboard:home"), {"page": "99"})
    assert response.status_code == 200
    # 63 people (with the team head and two trainees): 13 on page 2, in the assignments
    # and reviews tables (no snapshot: no heatmap).
    assert response.content.decode().count('<tr data-person="') == 2 * 13
