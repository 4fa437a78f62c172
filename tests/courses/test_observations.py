"""Behaviour observations of the post-training follow-up: who records them,
what is refused, and their section on the training record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import BehaviourObservation
from courses.selectors import observations_of
from courses.services import observation_record
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_manager_records_an_observation(manager, trainee):
    observation = observation_record(
        person=trainee, observer=manager.user, changed=True, example="  先問需求再推產品  "
    )
    assert observation.example == "先問需求再推產品"
    assert observation.observed_on == timezone.localdate()
    assert list(observations_of(trainee)) == [observation]


def test_someone_who_may_not_see_the_person_is_refused(org, trainee):
    colleague = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    other_manager = PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]]
    )
    for observer in (colleague.user, other_manager.user, trainee.user):
        with pytest.raises(PermissionDenied):
            observation_record(person=trainee, observer=observer, changed=True, example="x")
    assert not BehaviourObservation.objects.exists()


def test_bad_input_is_located_on_its_field(manager, trainee):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        observation_record(
            person=trainee, observer=manager.user, changed=False, example=" ", observed_on=tomorrow
        )
    assert set(caught.value.message_dict) == {"example", "observed_on"}


def test_the_training_record_shows_them_in_fixed_queries(
    client, manager, trainee, django_assert_max_num_queries
):
    client.force_login(manager.user)
    url = reverse("people:record", args=[trainee.pk])
    counts = []
    for size in (1, 15):
        BehaviourObservation.objects.all().delete()
        for n in range(size):
            observation_record(
                person=trainee, observer=manager.user, changed=n % 2 == 0, example=f"例子 **{n}**"
            )
        counts.append(queries_of(client, url, 60, django_assert_max_num_queries))
    assert counts[0] == counts[1]
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Behaviour observations" in html
    assert "<strong>14</strong>" in html
    assert manager.name in html
