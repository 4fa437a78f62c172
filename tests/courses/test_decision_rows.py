"""A person's choices at a case's decision points, written out (courses.
selectors.decision_rows), hold to the ORM rule they replace."""

import pytest
from django.forms.models import model_to_dict

from courses.models import DecisionChoice
from courses.selectors.decision_rows import choices_at
from tests.factories import PersonFactory

from .test_query_budgets import case_with, choose

pytestmark = pytest.mark.django_db


def by_orm(person, points) -> dict:
    chosen = DecisionChoice.objects.filter(person=person, decision_point__in=points)
    return {choice.decision_point_id: model_to_dict(choice) for choice in chosen}


def test_the_persons_choices_at_the_points_asked_and_no_others(trainee, course, org):
    other = PersonFactory(unit=org["pudong_team"])
    case = case_with(course, 3, "case-rows")
    elsewhere = case_with(course, 2, "case-elsewhere")
    choose([trainee, other], case)
    choose([trainee], elsewhere)
    points = list(case.decision_points.all())
    DecisionChoice.objects.filter(person=trainee, decision_point=points[1]).delete()
    asked = [point.pk for point in points]
    found = choices_at(person_id=trainee.pk, point_ids=asked)
    assert {pk: model_to_dict(choice) for pk, choice in found.items()} == by_orm(trainee, points)
    assert set(found) == {points[0].pk, points[2].pk}
    assert all(choice.person_id == trainee.pk for choice in found.values())
    one = choices_at(person_id=other.pk, point_ids=asked[:1])
    assert list(one) == [points[0].pk] and one[points[0].pk].chosen_at is not None


def test_no_points_no_query(trainee, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert choices_at(person_id=trainee.pk, point_ids=[]) == {}
