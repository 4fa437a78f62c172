"""The morning meeting (晨會): a live oral drill led by the team head.

The platform picks who answers and what (people not asked for longest first,
their weakest topics first); the head marks the answer with one tap. Each
answer is stored like any other: an item of the person's oral attempt for
this meeting, moving their memory state on.
"""

import random
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import OrgUnit, Person
from people.selectors import managed_units_of, people_in_subtree, unit_within

from ..models import (
    Attempt,
    AttemptItem,
    AttemptMode,
    AttemptStatus,
    Drill,
    MemoryState,
    MorningSession,
    MorningTurn,
    QuestionSelection,
)
from ..selectors.drills import _scope_q, questions_askable_to
from ..selectors.mastery import mastery_of
from .attempts import AttemptRefused, _finish
from .memory import memory_record_answer

SCORES = {
    MorningTurn.Result.CORRECT: (1.0, 3),
    MorningTurn.Result.PARTLY: (0.5, 2),
    MorningTurn.Result.WRONG: (0.0, 1),
}


def _leads(person: Person, unit: OrgUnit) -> bool:
    return unit_within(unit, managed_units_of(person.user))


def morning_start(
    *, unit: OrgUnit, led_by: Person, drill: Drill | None = None, now: datetime | None = None
) -> MorningSession:
    if not _leads(led_by, unit):
        raise PermissionDenied(_("Only a manager of this team can lead its morning drill."))
    return MorningSession.objects.create(
        unit=unit, led_by=led_by, drill=drill, started_at=now or timezone.now()
    )


def _members(session: MorningSession):
    return (
        people_in_subtree(session.unit)
        .exclude(pk=session.led_by_id)
        .exclude(pk__in=session.absent_ids or [])
    )


def _pick_person(session: MorningSession) -> Person | None:
    members = list(_members(session))
    if not members:
        return None
    asked_here = set(session.turns.values_list("person_id", flat=True))
    last_asked = dict(
        MorningTurn.objects.filter(person__in=members)
        .values("person_id")
        .annotate(last=Max("asked_at"))
        .values_list("person_id", "last")
    )
    epoch = timezone.make_aware(datetime(2000, 1, 1))
    random.shuffle(members)  # ties are broken by chance, not by employee id
    members.sort(key=lambda p: (p.pk in asked_here, last_asked.get(p.pk) or epoch))
    return members[0]


def _pick_question(session: MorningSession, person: Person):
    pool = questions_askable_to(person)
    drill = session.drill
    if drill is not None:
        if drill.selection == QuestionSelection.FIXED:
            pool = pool.filter(pk__in=drill.drill_questions.values("question_id"))
        else:
            pool = pool.filter(_scope_q(drill))
    asked = session.turns.filter(person=person).values("item__question_id")
    pool = pool.exclude(pk__in=asked)
    ranked_topics = sorted(mastery_of(person).values(), key=lambda m: m.mastery)
    for topic in ranked_topics:
        question = pool.filter(topic_id=topic.topic_id).order_by("?").first()
        if question is not None:
            return question
    # Nothing known about this person yet: any question, so the meeting can start learning.
    return pool.order_by("?").first()


def _oral_attempt(session: MorningSession, person: Person, now: datetime) -> Attempt:
    turn = session.turns.filter(person=person).select_related("item__attempt").first()
    if turn is not None:
        return turn.item.attempt
    return Attempt.objects.create(
        drill=session.drill, person=person, mode=AttemptMode.ORAL, started_at=now, seed=0
    )


@transaction.atomic
def _next_pick(session: MorningSession):
    """Who is asked next and what, or AttemptRefused saying why nobody can be. Reads only."""
    if session.ended_at is not None:
        raise AttemptRefused(_("This morning drill has ended."), code="finished")
    person = _pick_person(session)
    if person is None:
        raise AttemptRefused(_("Nobody in this team can be asked."), code="empty")
    question = _pick_question(session, person)
    if question is None:
        raise AttemptRefused(
            _("There are no questions left for %(name)s.") % {"name": person.name}, code="empty"
        )
    return person, question


def morning_next_refusal(*, session: MorningSession) -> str | None:
    """Why no next question can be put on the screen, or None when one can. Writes nothing,
    so the session page (a GET) can say it."""
    try:
        _next_pick(session)
    except AttemptRefused as refused:
        return refused.message
    return None


def morning_next(*, session: MorningSession, now: datetime | None = None) -> MorningTurn:
    """Pick the next person and question and put them on the screen (the open turn, if
    one is waiting). Called by the POSTs that start a session or mark an answer."""
    now = now or timezone.now()
    if session.ended_at is not None:
        raise AttemptRefused(_("This morning drill has ended."), code="finished")
    open_turn = session.turns.filter(result="").first()
    if open_turn is not None:
        return open_turn
    person, question = _next_pick(session)
    attempt = _oral_attempt(session, person, now)
    item = AttemptItem.objects.create(
        attempt=attempt,
        position=attempt.items.count(),
        question=question,
        version_id=question.current_version_id,
        shown_at=now,
    )
    return MorningTurn.objects.create(session=session, person=person, item=item, asked_at=now)


@transaction.atomic
def morning_mark(*, turn: MorningTurn, result: str, now: datetime | None = None) -> MorningTurn:
    """Record the head's one-tap verdict: correct, partly or wrong."""
    now = now or timezone.now()
    turn = (
        MorningTurn.objects.select_for_update(of=("self",))
        .select_related("item", "session__drill")
        .get(pk=turn.pk)
    )
    if turn.result:
        raise AttemptRefused(_("This answer is already marked."), code="answered")
    score, rating = SCORES[MorningTurn.Result(result)]
    before = MemoryState.objects.filter(
        person_id=turn.person_id, question_id=turn.item.question_id
    ).first()
    turn.memory_before = None if before is None else _memory_snapshot(before)
    AttemptItem.objects.filter(pk=turn.item_id).update(
        response={"oral": result}, score=score, answered_at=now
    )
    memory_record_answer(
        person_id=turn.person_id,
        question_id=turn.item.question_id,
        rating=rating,
        when=now,
        desired_retention=turn.session.drill.desired_retention if turn.session.drill else 0.9,
    )
    turn.result = result
    turn.save(update_fields=["result", "memory_before"])
    MorningSession.objects.filter(pk=turn.session_id).update(last_marked=turn)
    return turn


_MEMORY_FIELDS = ("state", "step", "stability", "difficulty", "reviews", "lapses")
_MEMORY_TIMES = ("due", "last_review")


def _memory_snapshot(state: MemoryState) -> dict:
    snapshot = {name: getattr(state, name) for name in _MEMORY_FIELDS}
    snapshot["desired_retention"] = state.desired_retention
    for name in _MEMORY_TIMES:
        value = getattr(state, name)
        snapshot[name] = value.isoformat() if value is not None else None
    return snapshot


def _memory_restore(*, person_id: int, question_id: int, snapshot: dict | None) -> None:
    states = MemoryState.objects.filter(person_id=person_id, question_id=question_id)
    if snapshot is None:
        states.delete()
        return
    values = {name: snapshot[name] for name in _MEMORY_FIELDS}
    values["desired_retention"] = snapshot["desired_retention"]
    for name in _MEMORY_TIMES:
        raw = snapshot[name]
        values[name] = datetime.fromisoformat(raw) if raw is not None else None
    states.update(**values)


def _drop_unanswered(turn: MorningTurn) -> None:
    """Remove an unmarked turn and its item; the person's oral attempt too when that was
    all it held, so nothing is recorded for them."""
    item = turn.item
    attempt_id = item.attempt_id
    turn.delete()
    item.delete()
    Attempt.objects.filter(pk=attempt_id, items__isnull=True).delete()


def _locked_open_session(session: MorningSession) -> MorningSession:
    session = MorningSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        raise AttemptRefused(_("This morning drill has ended."), code="finished")
    return session


@transaction.atomic
def morning_skip(*, turn: MorningTurn, now: datetime | None = None) -> MorningTurn | None:
    """The person of the open turn is absent: drop the turn and its unanswered item (nothing
    is recorded for them), leave them out for the rest of the meeting and put the next
    person on the screen (None when nobody else can be asked)."""
    session = _locked_open_session(turn.session)
    turn = MorningTurn.objects.select_related("item").get(pk=turn.pk, session=session)
    if turn.result:
        raise AttemptRefused(_("This answer is already marked."), code="answered")
    _drop_unanswered(turn)
    if turn.person_id not in session.absent_ids:
        session.absent_ids = [*session.absent_ids, turn.person_id]
        session.save(update_fields=["absent_ids"])
    try:
        return morning_next(session=session, now=now)
    except AttemptRefused:
        return None


@transaction.atomic
def morning_undo(*, session: MorningSession) -> MorningTurn:
    """Undo the last mark of a meeting that has not ended: the item's answer and score and
    the memory state go back to what they were, the question put up after the mark is taken
    down and the undone turn is on the screen again. Only the last mark, and only once."""
    session = _locked_open_session(session)
    if session.last_marked_id is None:
        raise AttemptRefused(_("There is no mark to undo."), code="nothing")
    turn = MorningTurn.objects.select_related("item").get(pk=session.last_marked_id)
    for waiting in session.turns.filter(result="").select_related("item"):
        _drop_unanswered(waiting)
    AttemptItem.objects.filter(pk=turn.item_id).update(response=None, score=None, answered_at=None)
    _memory_restore(
        person_id=turn.person_id, question_id=turn.item.question_id, snapshot=turn.memory_before
    )
    turn.result = ""
    turn.memory_before = None
    turn.save(update_fields=["result", "memory_before"])
    session.last_marked = None
    session.save(update_fields=["last_marked"])
    return turn


@transaction.atomic
def morning_end(*, session: MorningSession, now: datetime | None = None) -> MorningSession:
    """End the meeting: unmarked questions are dropped, each person's oral attempt is graded."""
    now = now or timezone.now()
    session = MorningSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        return session
    for turn in session.turns.filter(result="").select_related("item"):
        _drop_unanswered(turn)
    attempt_ids = session.turns.values_list("item__attempt_id", flat=True).distinct()
    for attempt in Attempt.objects.filter(
        Q(pk__in=attempt_ids), status=AttemptStatus.IN_PROGRESS
    ).select_related("drill"):
        _finish(attempt, now=now, status=AttemptStatus.FINISHED)
    session.ended_at = now
    session.save(update_fields=["ended_at"])
    return session
