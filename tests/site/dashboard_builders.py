"""Hand-made rows for the manager dashboard's tests, of every kind the sections
read: assignments, follow-up tasks, snapshots, memory states, unit rollups
(the organisation is the fixture of dashboard_fixtures)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, FollowUpTask, PlanAssignee, PlanAssignment
from people.roles import Role
from quizzes.models import MasterySnapshot, MemoryState, RollupRun, UnitTopicDay
from tests.factories import PersonFactory, TopicFactory, drill_make, question_make


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
