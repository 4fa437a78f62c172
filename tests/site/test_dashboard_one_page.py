"""A scope whose people all fit on the first page: the totals are the page's
figures added up (no query of their own, no count of the people), and they
are the same as those counted over the scope when the people take several
pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.services.case_submissions import submission_create, submission_submit

from .dashboard_builders import assign, course_make, drill_for, due_states, task
from .dashboard_fixtures import *  # noqa: F403 (the fixture world)

pytestmark = pytest.mark.django_db


def figures(html) -> dict:
    """The totals the page states, from its data-* attributes."""
    return {
        "people": re.search(r'id="scope-people" data-people="(\d+)"', html).group(1),
        "statuses": dict(
            re.findall(r'<tr data-status="(\w+)"><th scope="row">.*?</th><td>(\d+)</td>', html)
        ),
        "assignments": re.search(r'id="assignments-totals" data-total="(\d+)"', html).group(1),
        "followup": re.search(r'id="followup-note" data-count="(\d+)"', html).group(1),
        "reviews": re.search(r'id="reviews-total" data-total="(\d+)"', html).group(1),
        "cases": re.search(r'data-writers="(\d+)" data-behind="(\d+)"', html).groups(),
    }


def case_written(person):
    submission = submission_create(
        by=person.user,
        author=person,
        title="某連鎖超市的收單拓展",
        outcome="success",
        client_profile="某連鎖超市。",
        what_was_done="走訪財務總監。",
        how_it_went="三個月後簽約。",
        lessons_learned="先懂客戶的現金流。",
    )
    submission_submit(by=person.user, submission=submission)


def dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_totals_of_a_one_page_scope_are_those_counted_over_several_pages(
    client, world, monkeypatch
):
    from hostsite.dashboard import scope

    drill, _topic, question = drill_for()
    course = course_make()
    today = timezone.localdate()
    trainee, colleague, outside = world["trainee"], world["colleague"], world["puxi_person"]
    assign(trainee, drill, due_on=today - timedelta(days=2))  # overdue
    assign(trainee, drill, due_on=today + timedelta(days=5), started=True)  # in progress
    assign(colleague, drill, due_on=today - timedelta(days=1), completed=True)  # done
    assign(outside, drill, due_on=today - timedelta(days=2))  # outside the scope
    task(trainee, course, due_on=today)
    task(colleague, course, due_on=today - timedelta(days=3))
    task(outside, course, due_on=today)
    due_states(trainee, [question])
    due_states(outside, [question])
    case_written(colleague)
    client.force_login(world["team_head"].user)
    dashboard(client)  # the reader's and the frame's caches filled

    one_page, one_page_queries = dashboard(client)
    expected = {
        "people": "3",
        "statuses": {"not_started": "0", "in_progress": "1", "overdue": "1", "done": "1"},
        "assignments": "3",
        "followup": "2",
        "reviews": "1",
        "cases": ("2", "2"),
    }
    assert figures(one_page) == expected

    monkeypatch.setattr(scope, "PAGE_SIZE", 1)  # three pages of one person each
    first_of_three, paged_queries = dashboard(client)
    assert first_of_three.count('<tr data-person="') < one_page.count('<tr data-person="')
    assert figures(first_of_three) == expected
    # Spared: the count of people and the totals' own queries of assignments,
    # reviews due and cases (the follow-up tasks, fewer than the section
    # lists, are counted without a query either way).
    assert one_page_queries == paged_queries - 4


def test_a_later_page_of_a_one_page_scope_is_the_page(client, world):
    client.force_login(world["team_head"].user)
    response = client.get(reverse("dashboard:home"), {"page": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert figures(html)["people"] == "3"
    assert html.count(f'<tr data-person="{world["trainee"].pk}">') == 2
