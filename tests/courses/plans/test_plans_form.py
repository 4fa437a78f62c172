"""The assignment form: errors on their fields, nothing saved; a valid post assigns."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

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
            "person": trainee.employee_id,
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


def test_a_person_is_named_by_employee_id_with_the_scope_suggested(
    client, manager, trainee, puxi_trainee, drill, monkeypatch
):
    client.force_login(manager.user)
    page = client.get(reverse("courses:plan_new")).content.decode()
    assert f'<option value="{trainee.employee_id}">{trainee.name} ({trainee.employee_id})' in page
    assert f'value="{puxi_trainee.employee_id}"' not in page  # another sub-branch's

    today = timezone.localdate()
    response = post(
        client,
        manager,
        {
            "drill": drill.pk,
            "person": puxi_trainee.employee_id,
            "starts_on": today.isoformat(),
            "due_on": today.isoformat(),
            "recurrence": "none",
        },
    )
    assert response.status_code == 200
    with translation.override("zh-hant"):
        refused = translation.gettext("Nobody in your scope has this employee id.")
    assert response.context["form"].errors["person"] == [refused]
    assert not PlanAssignment.objects.exists()

    monkeypatch.setattr("courses.forms.plans.PERSON_SUGGESTIONS_MAX", 1)
    page = client.get(reverse("courses:plan_new")).content.decode()
    assert response.status_code == 200
    assert "<datalist" not in page  # too many to list: the id is typed
