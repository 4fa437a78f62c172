"""The demo's training plans tell their story on first start, and loading the
demo again adds nothing."""

import io

import pytest
from django.core.management import call_command

from courses.models import PlanAssignment
from courses.selectors.plan_pages import my_plans
from courses.selectors.plans import AssigneeStatus, assignee_status_counts
from people.models import Person
from people.selectors import people_managed_by

pytestmark = pytest.mark.django_db


def test_the_demo_plans(client):
    call_command("load_demo_data", stdout=io.StringIO())
    manager = Person.objects.get(user__username="manager")
    trainee = Person.objects.get(user__username="trainee")
    team = list(people_managed_by(manager.user).values_list("pk", flat=True))
    counts = assignee_status_counts(team)
    assert all(counts[status] > 0 for status in AssigneeStatus.ORDER), counts
    assert PlanAssignment.objects.filter(recurrence="yearly").count() == 1
    plans = my_plans(trainee, days=3)
    assert plans.overdue and plans.due_soon
    before = PlanAssignment.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())
    assert PlanAssignment.objects.count() == before
    client.force_login(manager.user)
    assert client.get("/learning/plans/").status_code == 200
