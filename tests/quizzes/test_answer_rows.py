"""The statements of an answer's save and of a finish's memory states, written
out once (quizzes/services/answer_rows.py, memory_rows.py, rowsql): they give
what the ORM gave, with nothing left to read."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from people.auth_backends import ViewerCacheBackend
from quizzes.models import Attempt, AttemptItem, MemoryState
from quizzes.services import answer_save, attempt_start
from quizzes.services.answer_rows import item_of_user
from quizzes.services.memory_rows import states_claimed, states_write
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(org, trainee):
    drill = drill_make([question_make(stem=f"問題{i}") for i in range(2)], time_limit=60)
    return attempt_start(drill=drill, person=trainee)


def test_the_item_comes_with_all_it_needs_and_as_the_orm_reads_it(
    attempt, trainee, django_assert_num_queries
):
    answer_save(attempt_id=attempt.pk, position=0, user=trainee.user, response={"choice": 1})
    with django_assert_num_queries(1):
        item = item_of_user(attempt_id=attempt.pk, position=0, user=trainee.user)
    with django_assert_num_queries(0):
        assert item.attempt.drill.pk == attempt.drill_id
        assert item.version.pk == item.version_id and item.question.pk == item.question_id
    expected = AttemptItem.objects.get(attempt=attempt, position=0)
    assert item.pk == expected.pk
    assert item.response == {"choice": 1} == expected.response  # JSON, decoded
    assert item.answered_at == expected.answered_at and item.answered_at.tzinfo is not None
    assert item.attempt.started_at == attempt.started_at
    assert item.attempt.drill.shuffle_choices is attempt.drill.shuffle_choices


def test_nobody_finds_an_item_of_someone_elses_attempt(attempt, org):
    stranger = PersonFactory(unit=org["pudong_team"])
    assert item_of_user(attempt_id=attempt.pk, position=0, user=stranger.user) is None
    assert item_of_user(attempt_id=attempt.pk, position=9, user=attempt.person.user) is None


def test_an_attempt_without_a_drill_comes_with_none(attempt, trainee):
    Attempt.objects.filter(pk=attempt.pk).update(drill=None)
    item = item_of_user(attempt_id=attempt.pk, position=1, user=trainee.user)
    assert item.attempt.drill_id is None and item.attempt.drill is None


def test_the_user_is_read_as_modelbackend_reads_them(trainee):
    backend = ViewerCacheBackend()
    user = backend.get_user(trainee.user.pk)
    assert user == trainee.user and user.password == trainee.user.password
    assert user.person == trainee  # from the reader's cache
    assert backend.get_user(999_999) is None
    assert backend.get_user("not a number") is None
    user = get_user_model().objects.get(pk=trainee.user.pk)
    user.is_active = False
    user.save()
    assert backend.get_user(trainee.user.pk) is None


def test_states_are_made_once_claimed_and_written_back(attempt, trainee):
    now = timezone.now()
    first, second = (item.question_id for item in attempt.items.order_by("position"))
    made = states_claimed(
        person_id=trainee.pk, due={second: now, first: now}, desired_retention=0.8
    )
    assert sorted(s.question_id for s in made) == sorted([first, second])
    assert all(s.pk and s.due == now and s.reviews == 0 for s in made)
    again = states_claimed(
        person_id=trainee.pk, due={first: now + timedelta(1)}, desired_retention=0.85
    )
    # The existing state comes back as it is, with the new retention only.
    assert [(s.question_id, s.due, s.desired_retention) for s in again] == [(first, now, 0.85)]
    for state in made:
        state.reviews, state.last_review = 3, now
    states_write(made, update_fields=["reviews", "last_review"])
    stored = MemoryState.objects.filter(person=trainee)
    assert stored.count() == 2 and all(s.reviews == 3 and s.last_review == now for s in stored)
