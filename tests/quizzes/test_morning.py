import pytest
from django.urls import reverse

from quizzes.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    MemoryState,
    MorningSession,
    MorningTurn,
)
from quizzes.services.attempts import AttemptRefused
from quizzes.services.morning import morning_end, morning_mark, morning_next, morning_start
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(org, trainee):
    return [trainee, PersonFactory(unit=org["pudong_team"]), PersonFactory(unit=org["pudong_team"])]


@pytest.fixture
def drill(org):
    return drill_make([question_make(stem=f"晨會題{i}") for i in range(6)])


def test_a_session_asks_everyone_before_asking_anyone_twice(manager, team, drill, org):
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    asked = []
    for _ in range(3):
        turn = morning_next(session=session)
        asked.append(turn.person_id)
        morning_mark(turn=turn, result="correct")
    assert sorted(asked) == sorted(p.pk for p in team)
    assert manager.pk not in asked


def test_results_are_stored_like_any_attempt(manager, team, drill, org):
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    turn = morning_next(session=session)
    morning_mark(turn=turn, result="partly")
    morning_end(session=session)
    attempt = Attempt.objects.get(person_id=turn.person_id, mode=AttemptMode.ORAL)
    assert attempt.status == AttemptStatus.FINISHED
    assert attempt.score == 0.5
    assert MemoryState.objects.filter(person_id=turn.person_id).exists()


def test_next_returns_the_open_turn_until_it_is_marked(manager, team, drill, org):
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    first = morning_next(session=session)
    assert morning_next(session=session).pk == first.pk
    morning_mark(turn=first, result="wrong")
    with pytest.raises(AttemptRefused):
        morning_mark(turn=first, result="correct")


def test_only_a_manager_of_the_team_may_lead(trainee, org, drill):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        morning_start(unit=org["pudong_team"], led_by=trainee, drill=drill)


def test_morning_pages(client, manager, team, drill, org):
    client.force_login(manager.user)
    response = client.post(
        reverse("quizzes:morning_home"), {"unit": org["pudong_team"].pk, "drill": drill.pk}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    turn = MorningTurn.objects.get()
    assert turn.person.name in page.content.decode()
    client.post(
        reverse("quizzes:morning_mark", args=[turn.session_id, turn.pk]), {"result": "correct"}
    )
    assert MorningTurn.objects.get(pk=turn.pk).result == "correct"
    client.post(reverse("quizzes:morning_end", args=[turn.session_id]))


def test_trainee_cannot_open_morning_pages(client, trainee, manager, drill, org):
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    client.force_login(trainee.user)
    assert client.get(reverse("quizzes:morning_home")).status_code == 403
    assert client.get(reverse("quizzes:morning_session", args=[session.pk])).status_code == 403


def test_team_mastery_page(client, manager, team, drill, org):
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    morning_mark(turn=morning_next(session=session), result="correct")
    client.force_login(manager.user)
    response = client.get(reverse("quizzes:team_mastery"))
    assert response.status_code == 200
    client.force_login(team[0].user)
    assert client.get(reverse("quizzes:team_mastery")).status_code == 404


def test_the_session_page_only_shows_the_turn_the_posts_put_on_the_screen(
    client, manager, team, drill, org
):
    """Opening the session page writes nothing: starting a session and marking an
    answer (both POSTs) put the next question on the screen."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager.user)
    response = client.post(
        reverse("quizzes:morning_home"), {"unit": org["pudong_team"].pk, "drill": drill.pk}
    )
    session = MorningSession.objects.get()
    assert response.status_code == 302
    [turn] = MorningTurn.objects.filter(session=session)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("quizzes:morning_session", args=[session.pk]))
        client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert page.status_code == 200
    assert turn.person.name in page.content.decode()
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert MorningTurn.objects.filter(session=session).count() == 1
    client.post(reverse("quizzes:morning_mark", args=[session.pk, turn.pk]), {"result": "correct"})
    assert MorningTurn.objects.filter(session=session).count() == 2
    assert MorningTurn.objects.filter(session=session, result="").count() == 1


def test_a_session_without_a_waiting_turn_offers_to_ask_the_next_person(
    client, manager, team, drill, org
):

    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    client.force_login(manager.user)
    page = client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert page.status_code == 200
    assert reverse("quizzes:morning_next", args=[session.pk]) in page.content.decode()
    assert not MorningTurn.objects.exists()
    response = client.post(reverse("quizzes:morning_next", args=[session.pk]))
    assert response.status_code == 302
    assert MorningTurn.objects.filter(session=session, result="").count() == 1
