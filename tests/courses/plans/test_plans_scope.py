"""Scope of the plans' pages: a manager of another sub-branch cannot see,
assign or withdraw through any URL; trainers and trainees have no plans pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import PlanAssignment

from .conftest import assign


def login(client, person):
    client.force_login(person.user)
    return client


@pytest.fixture
def pudong_assignment(manager, org, course):
    return assign(manager, course=course, unit=org["pudong"])


def test_the_other_branch_manager_sees_nothing_of_it(client, other_manager, pudong_assignment):
    login(client, other_manager)
    listing = client.get(reverse("courses:plan_list"))
    assert listing.status_code == 200
    assert f'data-assignment="{pudong_assignment.pk}"' not in listing.content.decode()
    detail = reverse("courses:plan_detail", args=[pudong_assignment.pk])
    assert client.get(detail).status_code == 404
    withdraw = reverse("courses:plan_withdraw", args=[pudong_assignment.pk])
    assert client.post(withdraw).status_code == 404
    pudong_assignment.refresh_from_db()
    assert pudong_assignment.withdrawn_at is None


def test_the_other_branch_manager_cannot_assign_outside_scope(
    client, other_manager, org, trainee, course
):
    login(client, other_manager)
    today = timezone.localdate().isoformat()
    data = {"course": course.pk, "starts_on": today, "due_on": today, "recurrence": "none"}
    response = client.post(reverse("courses:plan_new"), {**data, "person": trainee.employee_id})
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    response = client.post(reverse("courses:plan_new"), {**data, "unit": org["pudong"].pk})
    assert "unit" in response.context["form"].errors
    assert not PlanAssignment.objects.exists()


def test_the_manager_sees_and_withdraws_their_own(client, manager, pudong_assignment):
    login(client, manager)
    listing = client.get(reverse("courses:plan_list"))
    assert f'data-assignment="{pudong_assignment.pk}"' in listing.content.decode()
    detail = reverse("courses:plan_detail", args=[pudong_assignment.pk])
    assert client.get(detail).status_code == 200
    withdraw = reverse("courses:plan_withdraw", args=[pudong_assignment.pk])
    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    pudong_assignment.refresh_from_db()
    assert pudong_assignment.withdrawn_at is not None


def test_an_assignment_above_shows_each_manager_only_their_people(
    client, manager, other_manager, administrator, org, trainee, puxi_trainee, course
):
    wide = assign(administrator, course=course, unit=org["branch"])
    login(client, other_manager)
    page = client.get(reverse("courses:plan_detail", args=[wide.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-person="{puxi_trainee.pk}"' in html
    assert f'data-person="{trainee.pk}"' not in html
    assert f"/people/{puxi_trainee.pk}/record/" in html
    # Reaching their people is not owning the target: no withdrawing the branch's assignment.
    assert client.post(reverse("courses:plan_withdraw", args=[wide.pk])).status_code == 403
    wide.refresh_from_db()
    assert wide.withdrawn_at is None


def test_the_administrator_sees_everything(client, administrator, pudong_assignment):
    login(client, administrator)
    assert (
        client.get(reverse("courses:plan_detail", args=[pudong_assignment.pk])).status_code == 200
    )


@pytest.mark.parametrize("who", ["trainee", "trainer"])
def test_trainers_and_trainees_have_no_plans(client, request, who, pudong_assignment, trainee):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("courses:plan_list")).status_code == 403
    assert client.get(reverse("courses:plan_new")).status_code == 403
    assert (
        client.post(reverse("courses:plan_new"), {"person": trainee.employee_id}).status_code == 403
    )
    detail = reverse("courses:plan_detail", args=[pudong_assignment.pk])
    assert client.get(detail).status_code == 404
    withdraw = reverse("courses:plan_withdraw", args=[pudong_assignment.pk])
    assert client.post(withdraw).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, pudong_assignment):
    assert client.get(reverse("courses:plan_list")).status_code == 302
