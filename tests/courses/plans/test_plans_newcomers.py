"""Newcomers: a person created in, or moved into, a unit gets its open assignments
(of the unit or a unit above it); not those withdrawn or already due."""

import datetime

from django.utils import timezone

from courses.models import PlanAssignee
from courses.services.plan_progress import open_unit_assignments_sync
from courses.services.plans import assignment_withdraw
from people.models import Person
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import assign


def assigned(person):
    return set(PlanAssignee.objects.filter(person=person).values_list("assignment_id", flat=True))


def test_a_person_created_below_an_assigned_unit_gets_it(manager, org, course):
    assignment = assign(manager, course=course, unit=org["pudong"])
    newcomer = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    assert assigned(newcomer) == {assignment.pk}


def test_a_person_moved_in_gets_it_and_keeps_the_old_one(
    manager, other_manager, org, course, drill
):
    pudong = assign(manager, course=course, unit=org["pudong"])
    puxi = assign(other_manager, drill=drill, unit=org["puxi"])
    mover = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    assert assigned(mover) == {puxi.pk}
    mover.unit = org["pudong_team"]
    mover.save()
    assert assigned(mover) == {puxi.pk, pudong.pk}
    mover.save()  # saving again adds nothing
    assert PlanAssignee.objects.filter(person=mover).count() == 2


def test_withdrawn_and_past_due_assignments_are_not_joined(manager, org, course, drill):
    today = timezone.localdate()
    withdrawn = assign(manager, course=course, unit=org["pudong"])
    assignment_withdraw(by=manager.user, assignment=withdrawn)
    assign(
        manager,
        drill=drill,
        unit=org["pudong"],
        starts=today - datetime.timedelta(days=30),
        due=today - datetime.timedelta(days=1),
    )
    newcomer = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    assert assigned(newcomer) == set()


def test_a_person_assignment_does_not_spread(manager, trainee, org, course):
    assign(manager, course=course, person=trainee)
    newcomer = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    assert assigned(newcomer) == set()


def test_the_daily_sync_catches_moves_without_a_save(manager, org, course):
    assignment = assign(manager, course=course, unit=org["pudong"])
    mover = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    Person.objects.filter(pk=mover.pk).update(unit=org["pudong_team"])  # a bulk update: no signal
    assert assigned(mover) == set()
    assert open_unit_assignments_sync() == 1
    assert assigned(mover) == {assignment.pk}
    assert open_unit_assignments_sync() == 0
