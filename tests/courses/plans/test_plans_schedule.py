"""The daily work: next yearly occurrences, reminders and overdue notices, each once."""

import datetime

from django.test import override_settings
from django.utils import timezone

from courses.models import PlanAssignee, PlanAssignment, Recurrence
from courses.services.learning import lesson_complete
from courses.services.plan_schedule import (
    assignments_renew,
    one_year_after,
    plan_overdue_report,
    plan_reminders_send,
    plans_daily_run,
)
from courses.tasks import run_training_plans
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import assign


def test_one_year_after_keeps_the_day_or_falls_back_in_a_leap_year():
    assert one_year_after(datetime.date(2026, 3, 1)) == datetime.date(2027, 3, 1)
    assert one_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_a_yearly_assignment_renews_once_when_its_next_start_comes(manager, org, course):
    today = timezone.localdate()
    first = assign(
        manager,
        course=course,
        unit=org["pudong"],
        recurrence=Recurrence.YEARLY,
        starts=today.replace(year=today.year - 1),
        due=today.replace(year=today.year - 1) + datetime.timedelta(days=30),
    )
    newcomer = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    PlanAssignee.objects.filter(person=newcomer).delete()  # joined after the first year's due date
    assert assignments_renew(today=today - datetime.timedelta(days=1)) == 0
    assert assignments_renew(today=today) == 1
    assert assignments_renew(today=today) == 0  # idempotent
    second = PlanAssignment.objects.get(previous=first)
    assert (second.starts_on, second.due_on) == (
        one_year_after(first.starts_on),
        one_year_after(first.due_on),
    )
    assert (second.course_id, second.unit_id, second.recurrence) == (
        course.pk,
        first.unit_id,
        "yearly",
    )
    assert PlanAssignee.objects.filter(assignment=second, person=newcomer).exists()


def test_a_yearly_course_is_taken_again_each_year(
    manager, trainee, course, django_capture_on_commit_callbacks
):
    """Last year's completion ticks off last year's occurrence; this year's opens
    a retake, done only when the course is completed again."""
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1)
    first = assign(
        manager, course=course, person=trainee, starts=last_year, recurrence=Recurrence.YEARLY
    )
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.get_children():
            lesson_complete(
                person=trainee,
                page=lesson.specific,
                now=timezone.now() - datetime.timedelta(days=300),
            )
    assert PlanAssignee.objects.get(assignment=first).completed_at is not None

    assert assignments_renew(today=today) == 1
    second = PlanAssignment.objects.get(previous=first)
    row = PlanAssignee.objects.get(assignment=second, person=trainee)
    assert (row.started_at, row.completed_at) == (None, None)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.get_children():
            lesson_complete(person=trainee, page=lesson.specific)
    row.refresh_from_db()
    assert row.completed_at is not None


def test_a_once_or_withdrawn_assignment_does_not_renew(manager, trainee, course):
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1)
    assign(manager, course=course, person=trainee, starts=last_year)
    withdrawn = assign(
        manager, course=course, person=trainee, starts=last_year, recurrence="yearly"
    )
    PlanAssignment.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    assert assignments_renew(today=today) == 0


def test_a_missed_chain_catches_up_a_year_at_a_time(manager, trainee, course):
    today = timezone.localdate()
    first = assign(
        manager,
        course=course,
        person=trainee,
        recurrence="yearly",
        starts=today.replace(year=today.year - 3),
        due=today.replace(year=today.year - 3),
    )
    assert assignments_renew(today=today) == 3
    assert PlanAssignment.objects.filter(course=course).count() == 4
    assert (
        PlanAssignment.objects.get(previous__previous__previous=first).starts_on.year == today.year
    )


@override_settings(COURSES_PLAN_REMINDER_DAYS=3)
def test_trainees_are_reminded_once_before_the_due_date(manager, trainee, course, drill):
    today = timezone.localdate()
    soon = assign(manager, course=course, person=trainee, due=today + datetime.timedelta(days=3))
    assign(manager, drill=drill, person=trainee, due=today + datetime.timedelta(days=4))
    assert plan_reminders_send(today=today) == 1
    assert plan_reminders_send(today=today) == 0
    notice = Notice.objects.get(recipient=trainee.user)
    assert notice.link == course.url
    assert PlanAssignee.objects.get(assignment=soon).reminded_at is not None


def test_done_people_are_not_reminded(manager, trainee, course):
    today = timezone.localdate()
    soon = assign(manager, course=course, person=trainee, due=today + datetime.timedelta(days=1))
    PlanAssignee.objects.filter(assignment=soon).update(completed_at=timezone.now())
    assert plan_reminders_send(today=today) == 0


def test_managers_hear_of_overdue_items_once_in_one_notice(
    manager, other_manager, administrator, org, trainee, puxi_trainee, course, drill
):
    today = timezone.localdate()
    past = {
        "starts": today - datetime.timedelta(days=20),
        "due": today - datetime.timedelta(days=1),
    }
    assign(administrator, course=course, unit=org["branch"], **past)
    assign(administrator, drill=drill, person=trainee, **past)
    assert plan_overdue_report(today=today) == 2
    mine = Notice.objects.filter(recipient=manager.user)
    theirs = Notice.objects.filter(recipient=other_manager.user)
    assert mine.count() == 1 and theirs.count() == 1
    assert trainee.name in mine.get().text and puxi_trainee.name not in mine.get().text
    assert puxi_trainee.name in theirs.get().text
    assert plan_overdue_report(today=today) == 0
    assert Notice.objects.filter(recipient__in=[manager.user, other_manager.user]).count() == 2


def test_the_daily_task_runs_everything(manager, trainee, course):
    today = timezone.localdate()
    assign(manager, course=course, person=trainee, due=today + datetime.timedelta(days=1))
    assert run_training_plans(today.isoformat()) == {
        "renewed": 0,
        "joined": 0,
        "reminded": 1,
        "managers_told": 0,
    }
    assert plans_daily_run(today=today)["reminded"] == 0
