"""The assignment form: errors on their fields, nothing saved; a valid post assigns."""

import datetime

from django.urls import reverse
from django.utils import timezone

from courses.models import PlanAssignee, PlanAssignment


def post(client, manager, data):
    client.force_login(manager.user)
    return client.post(reverse("courses:plan_new"), data)


def test_errors_sit_on_their_fields(client, manager, trainee, org, course, drill):
    today = timezone.localdate()
    response = post(
        client,
        manager,
        {
            "course": course.pk,
            "drill": drill.pk,
            "person": trainee.pk,
            "unit": org["pudong_team"].pk,
            "starts_on": today.isoformat(),
            "due_on": (today - datetime.timedelta(days=1)).isoformat(),
            "recurrence": "none",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"course", "person", "due_on"}
    assert 'role="alert"' in response.content.decode()
    assert not PlanAssignment.objects.exists()


def test_missing_dates_and_items_are_named(client, manager):
    response = post(client, manager, {"recurrence": "none"})
    errors = response.context["form"].errors
    assert {"course", "person", "starts_on", "due_on"} <= set(errors)


def test_a_valid_post_assigns_the_unit_and_its_people(client, manager, trainee, org, drill):
    today = timezone.localdate()
    response = post(
        client,
        manager,
        {
            "drill": drill.pk,
            "unit": org["pudong"].pk,
            "starts_on": today.isoformat(),
            "due_on": (today + datetime.timedelta(days=14)).isoformat(),
            "recurrence": "yearly",
            "note": "每年一次",
        },
    )
    assignment = PlanAssignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:plan_detail", args=[assignment.pk])
    assert assignment.created_by == manager.user
    assert assignment.recurrence == "yearly"
    people = set(PlanAssignee.objects.values_list("person_id", flat=True))
    assert people == {trainee.pk, manager.pk}
