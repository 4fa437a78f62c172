import pytest
from django.urls import reverse

from people.roles import Role
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


# Skipping an absent person, undoing the last mark, preselecting the team.

MEMORY_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reviews",
    "lapses",
    "desired_retention",
)


def _memory(person_id, question_id):
    state = MemoryState.objects.filter(person_id=person_id, question_id=question_id).first()
    return None if state is None else {f: getattr(state, f) for f in MEMORY_FIELDS}


def _started(client, manager, drill, org):
    client.force_login(manager.user)
    client.post(reverse("quizzes:morning_home"), {"unit": org["pudong_team"].pk, "drill": drill.pk})
    session = MorningSession.objects.get()
    return session, MorningTurn.objects.get(session=session, result="")


def test_skipping_an_absent_person_records_nothing_and_asks_someone_else(
    client, manager, team, drill, org
):
    session, turn = _started(client, manager, drill, org)
    absent, item_id = turn.person_id, turn.item_id
    response = client.post(reverse("quizzes:morning_skip", args=[session.pk, turn.pk]))
    assert response.status_code == 302
    assert not MorningTurn.objects.filter(pk=turn.pk).exists()
    from quizzes.models import AttemptItem

    assert not AttemptItem.objects.filter(pk=item_id).exists()
    assert not Attempt.objects.filter(person_id=absent).exists()
    assert not MemoryState.objects.filter(person_id=absent).exists()
    # The others are asked, again and again, but the absent person never in this session.
    for _ in range(4):
        open_turn = MorningTurn.objects.get(session=session, result="")
        assert open_turn.person_id != absent
        client.post(
            reverse("quizzes:morning_mark", args=[session.pk, open_turn.pk]), {"result": "correct"}
        )
    open_turn = MorningTurn.objects.get(session=session, result="")
    page = client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert page.status_code == 200
    assert reverse("quizzes:morning_skip", args=[session.pk, open_turn.pk]) in (
        page.content.decode()
    )


def test_only_the_open_turn_can_be_skipped(client, manager, team, drill, org):
    session, turn = _started(client, manager, drill, org)
    client.post(reverse("quizzes:morning_mark", args=[session.pk, turn.pk]), {"result": "wrong"})
    response = client.post(reverse("quizzes:morning_skip", args=[session.pk, turn.pk]))
    assert response.status_code == 404
    assert MorningTurn.objects.get(pk=turn.pk).result == "wrong"


@pytest.mark.parametrize("had_memory", [False, True])
def test_undo_restores_everything_the_last_mark_recorded(
    client, manager, team, drill, org, had_memory
):
    session, turn = _started(client, manager, drill, org)
    question_id = turn.item.question_id
    if had_memory:
        from datetime import timedelta

        from django.utils import timezone

        from quizzes.services.memory import memory_record_answer

        memory_record_answer(
            person_id=turn.person_id,
            question_id=question_id,
            rating=1,
            when=timezone.now() - timedelta(days=3),
            desired_retention=0.85,
        )
    before = _memory(turn.person_id, question_id)
    client.post(reverse("quizzes:morning_mark", args=[session.pk, turn.pk]), {"result": "correct"})
    assert _memory(turn.person_id, question_id) != before
    next_turn = MorningTurn.objects.get(session=session, result="")
    page = client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert reverse("quizzes:morning_undo", args=[session.pk]) in page.content.decode()

    response = client.post(reverse("quizzes:morning_undo", args=[session.pk]))
    assert response.status_code == 302
    turn.refresh_from_db()
    turn.item.refresh_from_db()
    assert turn.result == ""
    assert (turn.item.response, turn.item.score, turn.item.answered_at) == (None, None, None)
    assert _memory(turn.person_id, question_id) == before
    # The question put up after the mark is taken down: the undone one is on the screen again.
    assert not MorningTurn.objects.filter(pk=next_turn.pk).exists()
    assert list(MorningTurn.objects.filter(session=session, result="")) == [turn]
    page = client.get(reverse("quizzes:morning_session", args=[session.pk]))
    assert page.status_code == 200
    assert reverse("quizzes:morning_mark", args=[session.pk, turn.pk]) in page.content.decode()
    client.post(reverse("quizzes:morning_mark", args=[session.pk, turn.pk]), {"result": "wrong"})
    assert MorningTurn.objects.get(pk=turn.pk).result == "wrong"


def test_undo_twice_is_refused(client, manager, team, drill, org):
    session, first = _started(client, manager, drill, org)
    client.post(reverse("quizzes:morning_mark", args=[session.pk, first.pk]), {"result": "correct"})
    second = MorningTurn.objects.get(session=session, result="")
    client.post(reverse("quizzes:morning_mark", args=[session.pk, second.pk]), {"result": "wrong"})
    first_memory = _memory(first.person_id, first.item.question_id)
    assert client.post(reverse("quizzes:morning_undo", args=[session.pk])).status_code == 302
    again = client.post(reverse("quizzes:morning_undo", args=[session.pk]), follow=True)
    assert again.status_code == 200
    assert "沒有可以撤銷的評分。" in again.content.decode()
    assert MorningTurn.objects.get(pk=first.pk).result == "correct"
    assert MorningTurn.objects.get(pk=second.pk).result == ""
    assert _memory(first.person_id, first.item.question_id) == first_memory


def test_undo_is_refused_after_the_end_and_to_another_manager(client, manager, team, drill, org):
    session, turn = _started(client, manager, drill, org)
    client.post(reverse("quizzes:morning_mark", args=[session.pk, turn.pk]), {"result": "correct"})
    other = PersonFactory(
        unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]], position="支行行長"
    )
    client.force_login(other.user)
    assert client.post(reverse("quizzes:morning_undo", args=[session.pk])).status_code == 404
    open_turn = MorningTurn.objects.get(session=session, result="")
    assert (
        client.post(reverse("quizzes:morning_skip", args=[session.pk, open_turn.pk])).status_code
        == 404
    )
    assert MorningTurn.objects.get(pk=turn.pk).result == "correct"
    assert MorningTurn.objects.filter(pk=open_turn.pk).exists()

    client.force_login(manager.user)
    assert client.get(reverse("quizzes:morning_undo", args=[session.pk])).status_code == 405
    client.post(reverse("quizzes:morning_end", args=[session.pk]))
    response = client.post(reverse("quizzes:morning_undo", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert "本次晨會練兵已結束。" in response.content.decode()
    assert MorningTurn.objects.get(pk=turn.pk).result == "correct"
    assert MemoryState.objects.filter(person_id=turn.person_id).exists()


def test_a_manager_of_one_team_gets_it_preselected(client, manager, team, drill, org):
    client.force_login(manager.user)
    page = client.get(reverse("quizzes:morning_home"))
    assert page.status_code == 200
    form = page.context["form"]
    assert form["unit"].value() == org["pudong"].pk
    assert form["drill"].value() == drill.pk


def test_a_manager_of_two_units_chooses(client, team, drill, org):
    drill_make([question_make(stem="另一題")], title="另一個")
    head = PersonFactory(
        unit=org["branch"],
        user__roles=[Role.MANAGER],
        manages=[org["pudong"], org["puxi"]],
        position="副行長",
    )
    client.force_login(head.user)
    page = client.get(reverse("quizzes:morning_home"))
    assert page.status_code == 200
    assert page.context["form"]["unit"].value() is None
    assert page.context["form"]["drill"].value() is None
