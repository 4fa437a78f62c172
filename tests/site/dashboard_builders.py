"""Hand-made data for the manager dashboard's tests: an organisation with two
branches, managers at each level, and rows of every kind the sections read
(assignments, follow-up tasks, snapshots, memory states, unit rollups)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, FollowUpTask, PlanAssignee, PlanAssignment
from people.roles import Role
from quizzes.models import MasterySnapshot, MemoryState, RollupRun, UnitTopicDay
from tests.factories import OrgUnitFactory, PersonFactory, TopicFactory, drill_make, question_make


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


def team_of(unit, count, prefix="隊員"):
    return [
        PersonFactory(unit=unit, user__roles=[Role.TRAINEE], name=f"{prefix}{n:03d}")
        for n in range(count)
    ]


def course_make(slug="winning", title="贏得企業客戶"):
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = CourseIndexPage.objects.first() or root.add_child(
        instance=CourseIndexPage(title="課程", slug="courses")
    )
    return catalogue.add_child(
        instance=CoursePage(title=title, slug=slug, objectives="學會分析", audience="客戶經理")
    )


def drill_for(topic_name="利率"):
    topic = TopicFactory(name=topic_name)
    question = question_make(topic=topic, stem=f"{topic_name}題")
    return drill_make([question]), topic, question


def assign(person, drill, *, due_on, started=False, completed=False, withdrawn=False):
    """An assignment of `drill` to `person` with its one assignee row."""
    now = timezone.now()
    assignment = PlanAssignment.objects.create(
        drill=drill,
        person=person,
        starts_on=min(due_on, timezone.localdate()) - timedelta(days=30),
        due_on=due_on,
        created_at=now,
        withdrawn_at=now if withdrawn else None,
    )
    return PlanAssignee.objects.create(
        assignment=assignment,
        person=person,
        added_at=now,
        started_at=now if started or completed else None,
        completed_at=now if completed else None,
    )


def task(person, course, *, due_on, kind="behaviour", days=30, owner=None, done=False):
    return FollowUpTask.objects.create(
        person=person,
        course=course,
        completed_on=due_on - timedelta(days=days),
        kind=kind,
        checkpoint_days=days,
        due_on=due_on,
        owner=owner,
        done_at=timezone.now() if done else None,
        created_at=timezone.now(),
    )


def snapshot(person, topic, day: date, mastery: float):
    return MasterySnapshot.objects.create(person=person, topic=topic, date=day, mastery=mastery)


def due_states(person, questions, *, due=None):
    """A memory state of `person` for each question, due at `due` (default: an hour ago)."""
    due = due or timezone.now() - timedelta(hours=1)
    return [MemoryState.objects.create(person=person, question=q, due=due) for q in questions]


def unit_day(unit, topic, day: date, *, people, mastery_sum, answers, score_sum):
    return UnitTopicDay.objects.create(
        unit=unit,
        topic=topic,
        date=day,
        people=people,
        mastery_sum=mastery_sum,
        answers=answers,
        score_sum=score_sum,
    )


def rollup_done(finished_at: datetime | None = None):
    finished_at = finished_at or timezone.make_aware(
        datetime.combine(timezone.localdate(), time(2, 30))
    )
    return RollupRun.objects.create(
        kind="full",
        status="done",
        day=timezone.localdate(finished_at),
        started_at=finished_at - timedelta(minutes=1),
        finished_at=finished_at,
    )
