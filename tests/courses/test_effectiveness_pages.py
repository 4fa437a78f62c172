"""The effectiveness pages: who may open them, what the exports hold, and
the refresher drill (right people, once a day)."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import AssignmentOrigin, PlanAssignee, PlanAssignment, RefresherDrill
from people.roles import Role
from quizzes.models import Drill
from tests.courses.effectiveness_builders import complete, person, react, snapshot
from tests.factories import PersonFactory, TopicFactory, drill_make, question_make


@pytest.fixture
def world(org, course, manager):
    today = timezone.localdate()
    t1, t2 = TopicFactory(name="利率"), TopicFactory(name="理財")
    course.topics.set([t1, t2])
    q1, q2, q3 = question_make(topic=t1), question_make(topic=t1), question_make(topic=t2)
    question_make(topic=t1, stem="不在課程裡的題")
    course.final_drill = drill_make([q1, q3, q2])
    course.followup_days = "30"
    course.save_revision().publish()
    course.refresh_from_db()
    mine = [person(org["pudong_team"]) for _ in range(2)]
    theirs = person(org["puxi_team"])
    done_on = today - timedelta(days=45)
    for who in (*mine, theirs):
        complete(course, who, done_on)
        react(course, who, 4)
        snapshot(who, t1, done_on, 0.9)
        snapshot(who, t1, done_on + timedelta(days=30), 0.5)
    users = {
        "trainee": person(org["pudong_team"]).user,
        "risk_expert": person(org["head"], roles=[Role.RISK_EXPERT]).user,
        "trainer": PersonFactory(unit=org["head"], user__roles=[Role.TRAINER]).user,
        "manager": manager.user,
        "other_manager": PersonFactory(
            unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
        ).user,
        "administrator": PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR]).user,
    }
    return {
        "course": course,
        "t1": t1,
        "t2": t2,
        "questions": [q1, q2],
        "mine": mine,
        "theirs": theirs,
        "users": users,
    }


def urls(course, topic):
    base = f"/learning/effectiveness/{course.pk}/"
    return [
        "/learning/effectiveness/",
        base,
        base + "export.csv",
        base + "export.xlsx",
    ], base + f"topics/{topic.pk}/refresher/"


@pytest.mark.parametrize(
    "role,status",
    [
        ("trainee", 404),
        ("risk_expert", 404),
        ("trainer", 200),
        ("manager", 200),
        ("other_manager", 200),
        ("administrator", 200),
    ],
)
def test_access_of_every_url_per_role(client, world, role, status):
    reads, refresher = urls(world["course"], world["t1"])
    client.force_login(world["users"][role])
    for url in reads:
        assert client.get(url).status_code == status, url
    response = client.post(refresher)
    assert response.status_code == (302 if status == 200 else 404)
    assert client.get(refresher).status_code == 405  # a GET never writes


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    reads, refresher = urls(world["course"], world["t1"])
    for url in reads:
        assert client.get(url).status_code == 302
    assert client.post(refresher).status_code == 302
    assert not RefresherDrill.objects.exists()


def test_an_unpublished_course_is_not_found(client, world):
    course = world["course"]
    course.unpublish()
    client.force_login(world["users"]["trainer"])
    assert client.get(f"/learning/effectiveness/{course.pk}/").status_code == 404
    assert client.get("/learning/effectiveness/").context["courses"] == []


def test_the_list_shows_courses_with_completions_in_scope(client, world):
    client.force_login(world["users"]["manager"])
    (row,) = client.get("/learning/effectiveness/").context["courses"]
    assert (row["course"].pk, row["completions"]) == (world["course"].pk, 2)
    client.force_login(world["users"]["trainer"])
    (row,) = client.get("/learning/effectiveness/").context["courses"]
    assert row["completions"] == 3


def test_the_course_page_shows_the_levels_and_the_refresher_buttons(client, world):
    client.force_login(world["users"]["trainer"])
    response = client.get(f"/learning/effectiveness/{world['course'].pk}/")
    html = response.content.decode()
    month = (timezone.localdate() - timedelta(days=45)).strftime("%Y-%m")
    assert f'data-cohort="{month}"' in html
    assert 'data-level="reaction"' in html and 'data-people="3"' in html
    assert "data-too-few" in html  # 3 people under the default minimum of 5
    assert 'id="reaction-chart"' in html and 'id="learning-chart"' in html
    assert f'data-topic="{world["t1"].pk}"' in html
    assert f"/topics/{world['t1'].pk}/refresher/" in html
    assert 'id="computed-at"' in html


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_exports_hold_only_the_viewers_people(client, world):
    course = world["course"]
    client.force_login(world["users"]["manager"])
    rows = _csv(client.get(f"/learning/effectiveness/{course.pk}/export.csv"))
    reaction = [r for r in rows[1:] if r[3] == "4.0"]
    assert reaction and {r[4] for r in reaction} == {"2"}  # the manager's two, not the third
    client.force_login(world["users"]["trainer"])
    rows = _csv(client.get(f"/learning/effectiveness/{course.pk}/export.csv"))
    assert {r[4] for r in rows[1:] if r[3] == "4.0"} == {"3"}
    response = client.get(f"/learning/effectiveness/{course.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [4, 3] in [[v[3], v[4]] for v in values]


def test_an_unknown_export_format_is_not_found(client, world):
    client.force_login(world["users"]["trainer"])
    url = f"/learning/effectiveness/{world['course'].pk}/export.pdf"
    assert client.get(url).status_code == 404


def _assigned(drill):
    return sorted(
        PlanAssignee.objects.filter(assignment__drill=drill).values_list("person_id", flat=True)
    )


def test_the_refresher_is_assigned_to_the_completers_once_a_day(client, world):
    course, t1 = world["course"], world["t1"]
    client.force_login(world["users"]["trainer"])
    url = f"/learning/effectiveness/{course.pk}/topics/{t1.pk}/refresher/"
    response = client.post(url, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    refresher = RefresherDrill.objects.get()
    everyone = sorted(p.pk for p in (*world["mine"], world["theirs"]))
    assert _assigned(refresher.drill) == everyone
    assignments = PlanAssignment.objects.filter(drill=refresher.drill)
    assert assignments.count() == 3
    today = timezone.localdate()
    for a in assignments:
        assert a.origin == AssignmentOrigin.REFRESHER
        assert (a.starts_on, a.due_on) == (today, today + timedelta(days=14))
    # The course's questions on the topic, in the course's drill's order.
    drill = Drill.objects.get(pk=refresher.drill_id)
    assert drill.listed is False  # taken from the plan, not listed to everyone
    assert list(drill.drill_questions.values_list("question_id", flat=True)) == [
        q.pk for q in world["questions"]
    ]
    # A second click: nothing new, and a message says so.
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert RefresherDrill.objects.count() == 1 and PlanAssignment.objects.count() == 3
    assert [m.level_tag for m in response.context["messages"]] == ["info"]


def test_a_managers_refresher_reaches_only_their_people(client, world):
    course, t1 = world["course"], world["t1"]
    client.force_login(world["users"]["manager"])
    client.post(f"/learning/effectiveness/{course.pk}/topics/{t1.pk}/refresher/")
    refresher = RefresherDrill.objects.get()
    assert _assigned(refresher.drill) == sorted(p.pk for p in world["mine"])


def test_a_topic_without_course_questions_draws_at_random_from_the_topic(client, world):
    course, t2 = world["course"], world["t2"]
    course.final_drill = None
    course.save()
    client.force_login(world["users"]["trainer"])
    client.post(f"/learning/effectiveness/{course.pk}/topics/{t2.pk}/refresher/")
    drill = Drill.objects.get(pk=RefresherDrill.objects.get().drill_id)
    assert drill.selection == "random" and list(drill.topics.all()) == [t2]


def test_a_topic_outside_the_course_is_refused_on_its_field(client, world):
    other = TopicFactory(name="外匯")
    question_make(topic=other)
    client.force_login(world["users"]["trainer"])
    url = f"/learning/effectiveness/{world['course'].pk}/topics/{other.pk}/refresher/"
    response = client.post(url, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not RefresherDrill.objects.exists() and not PlanAssignment.objects.exists()


def test_many_people_are_assigned_in_the_background_once(client, world, settings):
    from courses.services.refresher import refresher_assignments_make

    settings.COURSES_REFRESHER_BACKGROUND_THRESHOLD = 1  # 3 completers: a task (inline in tests)
    course, t1 = world["course"], world["t1"]
    client.force_login(world["users"]["trainer"])
    client.post(f"/learning/effectiveness/{course.pk}/topics/{t1.pk}/refresher/")
    refresher = RefresherDrill.objects.get()
    assert refresher.assigned_at is not None and refresher.people == 3
    assert len(_assigned(refresher.drill)) == 3
    # The task delivered a second time assigns nobody twice.
    assert refresher_assignments_make(refresher_id=refresher.pk) == 0
    assert PlanAssignment.objects.count() == 3
    # The page shows the status instead of the button.
    html = client.get(f"/learning/effectiveness/{course.pk}/").content.decode()
    assert 'data-refresher="assigned"' in html
    assert f"/topics/{t1.pk}/refresher/" not in html
