"""An answer saved in one statement from its attempt's layout, kept per
process (quizzes/services/attempt_layouts.py): after the first answer, each
save is one write, and whatever changed since the layout was read (the
attempt, the question, the drill's rules, the token's session and password)
is seen by that write: the save then goes the two-statement way, which
refuses as it always did, and nothing is written."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.answer_tokens import HEADER
from quizzes.models import Attempt, AttemptItem, AttemptStatus, Drill
from quizzes.question_types import QuestionType
from quizzes.services import AttemptRefused, answer_save, attempt_start, item_reveal
from quizzes.services.attempt_layouts import layouts, layouts_clear
from tests.factories import PersonFactory, drill_make, question_make

from .test_api_clock import RECALL
from .test_attempts import right_choice

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem=f"問題{i}") for i in range(4)], time_limit=60)


@pytest.fixture
def attempt(drill, trainee):
    return attempt_start(drill=drill, person=trainee)


def choice(attempt, position, *, right=True) -> dict:
    right_one = right_choice(attempt, position)
    return {"choice": right_one if right else (right_one + 1) % 3}


def save(attempt, position, user, *, right=True, now=None, response=None):
    return answer_save(
        attempt_id=attempt.pk,
        position=position,
        user=user,
        response=response or choice(attempt, position, right=right),
        now=now,
    )


def answered(attempt, position) -> bool:
    return AttemptItem.objects.get(attempt=attempt, position=position).answered_at is not None


def refused(attempt, position, user, **kwargs) -> str:
    with pytest.raises(AttemptRefused) as caught:
        save(attempt, position, user, **kwargs)
    return caught.value.code


def test_after_the_first_answer_each_save_is_one_write(attempt, trainee):
    responses = [choice(attempt, 0), choice(attempt, 1, right=False), choice(attempt, 2)]
    with CaptureQueriesContext(connection) as first:
        assert save(attempt, 0, trainee.user, response=responses[0]).grade.score == 1
    with CaptureQueriesContext(connection) as second:
        saved = save(attempt, 1, trainee.user, response=responses[1])
    assert len(first.captured_queries) == 2  # the layout, the write
    assert len(second.captured_queries) == 1
    assert second.captured_queries[0]["sql"].startswith("UPDATE")
    assert saved.grade.score == 0 and saved.item.score == 0
    row = AttemptItem.objects.get(attempt=attempt, position=1)
    assert row.answered_at == saved.item.answered_at and row.response == saved.item.response
    assert row.score == 0
    # Another process, which has not read the layout yet, reads it first.
    layouts.clear()
    with CaptureQueriesContext(connection) as other:
        save(attempt, 2, trainee.user, response=responses[2])
    assert len(other.captured_queries) == 2


def test_the_saved_item_comes_with_copies_of_what_it_needs(attempt, trainee):
    first = save(attempt, 0, trainee.user).item
    second = save(attempt, 1, trainee.user).item
    assert second.attempt.pk == attempt.pk and second.attempt.drill.pk == attempt.drill_id
    assert second.question.pk == second.question_id and second.version.pk == second.version_id
    assert second.attempt is not first.attempt  # no request sees another's instances
    assert second.attempt.drill is not first.attempt.drill
    first.attempt.status = AttemptStatus.FINISHED
    assert save(attempt, 2, trainee.user).item.attempt.status == AttemptStatus.IN_PROGRESS


def test_a_question_answered_since_is_refused_and_kept_as_it_was(attempt, trainee):
    save(attempt, 0, trainee.user)
    assert refused(attempt, 0, trainee.user, right=False) == "answered"
    assert AttemptItem.objects.get(attempt=attempt, position=0).score == 1


def test_an_attempt_finished_elsewhere_takes_no_more_answers(attempt, trainee):
    save(attempt, 0, trainee.user)
    Attempt.objects.filter(pk=attempt.pk).update(status=AttemptStatus.FINISHED)
    assert refused(attempt, 1, trainee.user) == "finished"
    assert not answered(attempt, 1)


def test_an_answer_after_the_deadline_is_refused(attempt, trainee):
    save(attempt, 0, trainee.user)
    later = attempt.deadline + timedelta(minutes=5)
    assert refused(attempt, 1, trainee.user, now=later) == "too_late"
    assert not answered(attempt, 1)


def test_someone_else_never_reaches_the_attempt(attempt, trainee, org):
    save(attempt, 0, trainee.user)
    stranger = PersonFactory(unit=org["pudong_team"]).user
    assert refused(attempt, 1, stranger) == "not_found"
    assert not answered(attempt, 1)


def test_a_drill_given_its_own_clock_per_question_is_seen(attempt, trainee):
    save(attempt, 0, trainee.user)
    Drill.objects.filter(pk=attempt.drill_id).update(time_per_question=10)
    shown = timezone.now() - timedelta(minutes=1)
    AttemptItem.objects.filter(attempt=attempt, position=1).update(shown_at=shown)
    assert refused(attempt, 1, trainee.user) == "question_time_up"
    assert not answered(attempt, 1)


def test_choices_no_longer_shuffled_are_graded_in_their_new_order(org, trainee):
    questions = [question_make(stem=f"問題{i}") for i in range(20)]
    drill = drill_make(questions, time_limit=60)
    attempt = attempt_start(drill=drill, person=trainee)
    save(attempt, 0, trainee.user)
    Drill.objects.filter(pk=drill.pk).update(shuffle_choices=False)
    attempt.drill.refresh_from_db()
    # Some question of twenty has its right choice moved by the shuffle; each
    # is graded as the reader now sees it.
    for position in range(1, 20):
        assert save(attempt, position, trainee.user).grade.score == 1


def test_a_recall_card_is_rated_only_once_revealed(org, trainee):
    drill = drill_make(
        [question_make(qtype=QuestionType.RECALL, stem=f"卡{i}", payload=RECALL) for i in range(3)]
    )
    attempt = attempt_start(drill=drill, person=trainee)
    item_reveal(attempt_id=attempt.pk, position=0, user=trainee.user)
    answer_save(attempt_id=attempt.pk, position=0, user=trainee.user, response={"rating": 3})
    with pytest.raises(AttemptRefused) as caught:
        answer_save(attempt_id=attempt.pk, position=1, user=trainee.user, response={"rating": 3})
    assert caught.value.code == "not_revealed"
    assert not answered(attempt, 1)
    item_reveal(attempt_id=attempt.pk, position=1, user=trainee.user)
    with CaptureQueriesContext(connection) as queries:
        answer_save(attempt_id=attempt.pk, position=1, user=trainee.user, response={"rating": 3})
    assert answered(attempt, 1)
    assert len(queries.captured_queries) == 2  # refused: the layout was read again


def _token_client(user, drill):
    client = Client()
    client.force_login(user)
    response = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts", data="{}", content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return client, response.json()


def _answer_with_token(client, data, position):
    return client.post(
        f"/api/quizzes/attempts/{data['id']}/answers",
        data=json.dumps({"position": position, "response": {"choice": 0}}),
        content_type="application/json",
        headers={HEADER: data["answer_token"]},
    )


def _signed_out(client, user):
    Session.objects.filter(pk=client.cookies[settings.SESSION_COOKIE_NAME].value).delete()


def _expired(client, user):
    Session.objects.filter(pk=client.cookies[settings.SESSION_COOKIE_NAME].value).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )


def _password_changed(client, user):
    user.set_password("a-new-password-4711")
    user.save()


def _deactivated(client, user):
    user.is_active = False
    user.save()


@pytest.mark.parametrize("change", [_signed_out, _expired, _password_changed, _deactivated])
def test_a_token_that_no_longer_holds_saves_nothing_after_the_layout_is_read(
    trainee, drill, change
):
    client, data = _token_client(trainee.user, drill)
    assert _answer_with_token(client, data, 0).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert _answer_with_token(client, data, 1).status_code == 200
    assert len(queries.captured_queries) == 1  # the layout's write
    change(client, trainee.user)
    from django.core.cache import caches

    caches[getattr(settings, "SESSION_CACHE_ALIAS", "default")].clear()
    response = _answer_with_token(client, data, 2)
    assert response.status_code in (401, 403), response.content
    assert not AttemptItem.objects.get(attempt_id=data["id"], position=2).answered_at


def test_the_process_that_starts_an_attempt_saves_its_first_answer_in_one_write(trainee, drill):
    client, data = _token_client(trainee.user, drill)
    with CaptureQueriesContext(connection) as queries:
        response = _answer_with_token(client, data, 0)
    assert response.status_code == 200, response.content
    assert len(queries.captured_queries) == 1
    assert AttemptItem.objects.get(attempt_id=data["id"], position=0).answered_at
    # Resumed (a reload): the same.
    layouts.clear()
    client, again = _token_client(trainee.user, drill)
    assert again["id"] == data["id"]
    with CaptureQueriesContext(connection) as queries:
        response = _answer_with_token(client, again, 1)
    assert response.status_code == 200, response.content
    assert len(queries.captured_queries) == 1


def test_a_started_attempt_kept_by_its_process_grades_as_the_database_has_it(trainee, drill):
    client, data = _token_client(trainee.user, drill)
    attempt = Attempt.objects.get(pk=data["id"])
    expected = [choice(attempt, position) for position in range(4)]
    for position, response in enumerate(expected):
        answered_now = client.post(
            f"/api/quizzes/attempts/{data['id']}/answers",
            data=json.dumps({"position": position, "response": response}),
            content_type="application/json",
            headers={HEADER: data["answer_token"]},
        )
        assert answered_now.status_code == 200, answered_now.content
        assert answered_now.json()["result"]["correct"] is True
    assert [item.score for item in attempt.items.order_by("position")] == [1, 1, 1, 1]


def test_layouts_share_one_copy_of_each_version_and_question(drill, trainee, org):
    other = PersonFactory(unit=trainee.unit)
    attempts = [attempt_start(drill=drill, person=person) for person in (trainee, other)]
    for attempt, person in zip(attempts, (trainee, other), strict=True):
        save(attempt, 0, person.user)
    first, second = (
        layouts.get(attempt.pk) for attempt, person in zip(attempts, (trainee, other), strict=True)
    )
    assert first.items[1].version is second.items[1].version
    assert first.items[1].question is second.items[1].question
    assert first.items[1] is not second.items[1]


def _attempt_json(client, attempt_id) -> dict:
    response = client.get(f"/api/quizzes/attempts/{attempt_id}")
    assert response.status_code == 200, response.content
    data = response.json()
    for changing in ("server_time", "seconds_left", "answer_token"):
        data.pop(changing)
    return data


def test_the_finish_reads_the_answers_now_and_the_rest_from_the_layout(trainee, drill):
    client, data = _token_client(trainee.user, drill)
    attempt = Attempt.objects.get(pk=data["id"])
    assert _answer_with_token(client, data, 0).status_code == 200
    # Answers saved by another process after this one kept the layout.
    AttemptItem.objects.filter(attempt=attempt, position__in=[1, 2]).update(
        response={"choice": 0}, score=1.0, answered_at=timezone.now()
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/api/quizzes/attempts/{data['id']}/finish")
    assert response.status_code == 200, response.content
    finished = response.json()
    items_read = [q["sql"] for q in queries.captured_queries if "quizzes_attemptitem" in q["sql"]]
    assert len(items_read) == 1 and "quizzes_questionversion" not in items_read[0]
    assert [finished["items"][position]["result"]["score"] for position in (1, 2)] == [1.0, 1.0]
    assert [item["answered"] for item in finished["items"]] == [True, True, True, False]
    assert Attempt.objects.get(pk=data["id"]).score == finished["score"]
    # As a process without the layout shows it.
    with_layout = _attempt_json(client, data["id"])
    layouts_clear()
    assert _attempt_json(client, data["id"]) == with_layout
