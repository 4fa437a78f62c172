"""Each section of the manager dashboard against hand-made data: assignments
by status, follow-up tasks due, the mastery heatmap from the latest snapshot,
reviews due and the twelve months' trends from the unit rollups, and when the
figures were computed. Read from data-* attributes and the CSV exports."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.selectors.dashboard import months_back

from .dashboard_builders import (
    assign,
    course_make,
    drill_for,
    due_states,
    rollup_done,
    snapshot,
    task,
    unit_day,
)
from .dashboard_fixtures import *  # noqa: F403 (the fixture world)

pytestmark = pytest.mark.django_db


def page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboard:home"), params)
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(client, section, table, **params):
    response = client.get(reverse("dashboard:export_csv", args=[section, table]), params)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def row_of(html, table_id, person):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    row = re.search(rf'<tr data-person="{person.pk}">(.*?)</tr>', table, re.S).group(1)
    return [re.sub(r"<.*?>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_assignments_by_status_per_person_and_in_total(client, world):
    drill, _topic, _q = drill_for()
    today = timezone.localdate()
    a, b = world["trainee"], world["colleague"]
    assign(a, drill, due_on=today - timedelta(days=1), completed=True)  # done, though past due
    assign(a, drill, due_on=today - timedelta(days=2))  # overdue
    assign(a, drill, due_on=today - timedelta(days=3), started=True)  # overdue, though started
    assign(b, drill, due_on=today + timedelta(days=5), started=True)  # in progress
    assign(b, drill, due_on=today + timedelta(days=5))  # not started
    assign(b, drill, due_on=today + timedelta(days=5), withdrawn=True)  # withdrawn: not counted
    assign(world["puxi_person"], drill, due_on=today - timedelta(days=2))  # outside the scope
    html = page(client, world["team_head"].user)
    # Unit, then not started, in progress, overdue, done, total.
    assert row_of(html, "assignments-people", a)[1:] == ["0", "0", "2", "1", "3"]
    assert row_of(html, "assignments-people", b)[1:] == ["1", "1", "0", "0", "2"]
    totals = dict(
        re.findall(r'<tr data-status="(\w+)"><th scope="row">.*?</th><td>(\d+)</td>', html)
    )
    assert totals == {"not_started": "1", "in_progress": "1", "overdue": "2", "done": "1"}
    assert 'id="assignments-chart" role="img"' in html
    rows = csv_rows(client, "assignments", "by-person")
    by_name = {row[1]: row[3:] for row in rows[1:]}
    assert by_name[a.name] == ["0", "0", "2", "1", "3"]
    assert by_name[world["team_head"].name] == ["0", "0", "0", "0", "0"]
    assert [row[1] for row in csv_rows(client, "assignments", "totals")[1:]] == ["1", "1", "2", "1"]


def test_followup_tasks_due_within_the_window_and_overdue(client, world):
    course = course_make()
    today = timezone.localdate()
    owner = world["team_head"].user
    overdue = task(world["trainee"], course, due_on=today - timedelta(days=3), owner=owner)
    soon = task(
        world["colleague"], course, due_on=today + timedelta(days=5), kind="reaction", days=0
    )
    task(world["trainee"], course, due_on=today + timedelta(days=40), kind="retention")  # later
    task(world["colleague"], course, due_on=today, kind="retention", done=True)  # done
    task(world["puxi_person"], course, due_on=today, owner=owner)  # outside the scope
    html = page(client, world["team_head"].user)
    listed = [int(pk) for pk in re.findall(r'<tr data-task="(\d+)">', html)]
    assert listed == [overdue.pk, soon.pk]
    assert 'data-count="2"' in html
    assert f'href="/people/{world["trainee"].pk}/record/"' in html
    # Each line: the person, the course's title and the owner (the owner's
    # name as a person; a login without a staff profile by its username).
    lines = {
        int(pk): line for pk, line in re.findall(r'<tr data-task="(\d+)">(.*?)</tr>', html, re.S)
    }
    assert world["trainee"].name in lines[overdue.pk]
    assert "<td>贏得企業客戶</td>" in lines[overdue.pk]
    assert f"<td>{world['team_head'].name}</td>" in lines[overdue.pk]
    assert "<td>—</td>" in lines[soon.pk]
    soon.owner = type(owner).objects.create(username="no-profile-owner")
    soon.save(update_fields=["owner"])
    lines = dict(re.findall(r'<tr data-task="(\d+)">(.*?)</tr>', page(client, owner), re.S))
    assert "<td>no-profile-owner</td>" in lines[str(soon.pk)]
    rows = csv_rows(client, "followup", "tasks")
    assert [(r[0], r[1], r[3], r[8]) for r in rows[1:]] == [
        (overdue.due_on.isoformat(), "yes", world["trainee"].name, world["team_head"].name),
        (soon.due_on.isoformat(), "no", world["colleague"].name, "no-profile-owner"),
    ]


def test_followup_lists_the_earliest_tasks_due_first_and_counts_them_all(
    client, world, monkeypatch
):
    # The page picks its first tasks on their own table before the joins
    # (the bench's bank of 100,000): still the earliest, in order, and counted.
    from courses.views import dashboard as views

    monkeypatch.setattr(views, "FOLLOWUP_PAGE_ROWS", 2)
    course = course_make()
    today = timezone.localdate()
    third = task(world["trainee"], course, due_on=today + timedelta(days=6))
    first = task(world["colleague"], course, due_on=today - timedelta(days=2))
    second = task(world["trainee"], course, due_on=today, kind="reaction", days=0)
    task(world["puxi_person"], course, due_on=today - timedelta(days=9))  # outside the scope
    html = page(client, world["team_head"].user)
    listed = [int(pk) for pk in re.findall(r'<tr data-task="(\d+)">', html)]
    assert listed == [first.pk, second.pk]
    assert third.pk not in listed
    assert 'data-count="3"' in html


def test_followup_of_a_course_the_manager_may_not_read_is_left_out_and_uncounted(client, world):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from people.roles import GROUP_NAMES, Role

    secret, open_course = course_make("secret", "風險專班"), course_make()
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    hidden = task(world["trainee"], secret, due_on=timezone.localdate())
    shown = task(world["trainee"], open_course, due_on=timezone.localdate())
    html = page(client, world["team_head"].user)
    listed = [int(pk) for pk in re.findall(r'<tr data-task="(\d+)">', html)]
    assert listed == [shown.pk]
    assert hidden.pk not in listed
    assert 'data-count="1"' in html


def test_the_heatmap_shows_the_latest_snapshot(client, world):
    _d, rates, _q = drill_for("利率")
    _d, products, _q = drill_for("產品")
    today = timezone.localdate()
    old = today - timedelta(days=8)
    snapshot(world["trainee"], rates, old, 0.1)
    snapshot(world["trainee"], rates, today - timedelta(days=1), 0.64)
    snapshot(world["colleague"], products, today - timedelta(days=1), 0.9)
    snapshot(world["colleague"], products, old, 0.2)
    snapshot(world["puxi_person"], rates, today, 0.99)  # outside: not the scope's latest day
    html = page(client, world["team_head"].user)
    table = re.search(r'<table[^>]*id="mastery-table".*?</table>', html, re.S).group(0)
    assert 'data-topics="2"' in table
    # The weaker topic first: 利率 (64%) then 產品 (90%).
    assert re.findall(r'<th scope="col">(.*?)</th>', table)[1:] == ["利率", "產品"]
    assert row_of(html, "mastery-table", world["trainee"]) == ["64%", "—"]
    assert row_of(html, "mastery-table", world["colleague"]) == ["—", "90%"]
    assert 'id="mastery-heatmap" role="img"' in html
    assert 'aria-describedby="mastery-table"' in html
    rows = csv_rows(client, "mastery", "mastery")
    assert {(r[1], r[3], r[4]) for r in rows[1:]} == {
        (world["trainee"].name, "利率", "0.64"),
        (world["colleague"].name, "產品", "0.9"),
    }


def test_the_heatmap_caps_its_topics(client, world, monkeypatch):
    from quizzes.views import dashboard as views

    monkeypatch.setattr(views, "HEATMAP_TOPICS", 2)
    today = timezone.localdate()
    for n, mastery in enumerate([0.5, 0.2, 0.8]):
        _d, topic, _q = drill_for(f"主題{n}")
        snapshot(world["trainee"], topic, today, mastery)
    html = page(client, world["team_head"].user)
    table = re.search(r'<table[^>]*id="mastery-table".*?</table>', html, re.S).group(0)
    assert re.findall(r'<th scope="col">(.*?)</th>', table)[1:] == ["主題1", "主題0"]
    assert len(csv_rows(client, "mastery", "mastery")) == 1 + 3, "the download has every topic"


def test_reviews_due_per_person_and_in_total(client, world):
    _d, topic, q1 = drill_for("利率")
    from tests.factories import question_make

    q2 = question_make(topic=topic, stem="利率二")
    q3 = question_make(topic=topic, stem="利率三")
    type(q3).objects.filter(pk=q3.pk).update(is_active=False)
    due_states(world["trainee"], [q1, q2, q3])  # the closed question is not due
    due_states(world["colleague"], [q1], due=timezone.now() + timedelta(days=3))  # not yet
    due_states(world["puxi_person"], [q1, q2])  # outside the scope
    html = page(client, world["team_head"].user)
    assert row_of(html, "reviews-table", world["trainee"])[1] == "2"
    assert row_of(html, "reviews-table", world["colleague"])[1] == "0"
    assert 'data-total="2"' in html
    rows = {r[1]: r[3] for r in csv_rows(client, "reviews", "reviews")[1:]}
    assert rows[world["trainee"].name] == "2" and rows[world["colleague"].name] == "0"


def test_trends_sum_the_subtrees_unit_rows_by_month(client, world):
    _d, rates, _q = drill_for("利率")
    _d, products, _q = drill_for("產品")
    today = timezone.localdate()
    this_month = date(today.year, today.month, 1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    long_ago = months_back(today, 13)[0]
    # The sub-branch's own members and its team's: both count for the sub-branch.
    unit_day(world["pudong"], rates, this_month, people=2, mastery_sum=1.0, answers=10, score_sum=6)
    unit_day(
        world["pudong_team"],
        products,
        this_month,
        people=2,
        mastery_sum=1.6,
        answers=30,
        score_sum=24,
    )
    unit_day(
        world["pudong_team"], rates, last_month, people=1, mastery_sum=0.3, answers=4, score_sum=1
    )
    unit_day(world["puxi"], rates, this_month, people=5, mastery_sum=5.0, answers=99, score_sum=99)
    unit_day(world["pudong"], rates, long_ago, people=1, mastery_sum=1.0, answers=7, score_sum=7)
    html = page(client, world["sub_manager"].user)
    months = re.findall(r'<tr data-month="([\d-]+)">', html)
    assert len(months) == 12 and months[-1] == f"{this_month:%Y-%m}"
    line = re.search(rf'<tr data-month="{this_month:%Y-%m}">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r"<td data-mastery>(.*?)</td>", line).group(1) == "65%"  # 2.6 / 4
    assert re.search(r"<td data-answers>(.*?)</td>", line).group(1) == "40"
    rows = {r[0]: r[1:] for r in csv_rows(client, "trends", "trends")[1:]}
    assert rows[f"{this_month:%Y-%m}"] == ["0.65", "40", "0.75"]
    assert rows[f"{last_month:%Y-%m}"] == ["0.3", "4", "0.25"]
    assert f"{long_ago:%Y-%m}" not in rows
    assert 'id="trend-mastery-chart" role="img"' in html


def test_the_dashboard_says_when_its_figures_were_computed(client, world):
    html = page(client, world["team_head"].user)
    assert 'data-computed=""' in html
    run = rollup_done()
    html = page(client, world["team_head"].user)
    assert f'data-computed="{timezone.localtime(run.finished_at).isoformat()}"' in html


def test_followup_of_nobody_is_nothing_and_of_ids_the_same_as_of_a_queryset(world):
    from courses.selectors.dashboard import followup_tasks_due_first
    from people.models import Person

    course = course_make()
    today = timezone.localdate()
    due = task(world["trainee"], course, due_on=today)
    head = world["team_head"].user
    assert followup_tasks_due_first(head, [], today=today, limit=50) == ([], 0)
    by_ids = followup_tasks_due_first(head, [world["trainee"].pk], today=today, limit=50)
    by_query = followup_tasks_due_first(
        head, Person.objects.filter(pk=world["trainee"].pk), today=today, limit=50
    )
    assert [t.pk for t in by_ids[0]] == [t.pk for t in by_query[0]] == [due.pk]
    assert by_ids[1] == by_query[1] == 1
