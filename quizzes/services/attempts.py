"""Writes for attempts: start (or resume), show a question, show a recall
card's answer, save an answer, finish.

The server's clock decides, with two clocks. The attempt's deadline comes
from the drill's time limit and is fixed when the attempt starts; only it (or
handing in) ends the attempt. A question's own time (seconds per question)
starts when the question is first shown and closes that question only: a
later answer is refused, the question stays unanswered and the attempt goes
on. Both clocks allow the same small grace for network lag, on every path
(answer, hand-in, resume, the sweep of overdue attempts): on time up to the
limit plus the grace, late a moment after. Finishing twice gives one grade.

An answer is graded and kept by one statement, which also proves the attempt
still open (see _keep_answer). The memory model moves on when the attempt
ends (handed in, or closed at its deadline): all its answers at once, in the
order they were given, in the transaction that grades it. A save of the
morning drill, 2,000 at once, then costs what a single write costs.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import Person

from ..answer_tokens import AnswerToken
from ..grading import Grade, ResponseInvalid, fsrs_rating, grade
from ..models import Attempt, AttemptItem, AttemptMode, AttemptStatus, Drill
from ..presentation import item_seed, to_payload_indices
from ..question_types import QuestionType
from ..selectors.drill_rows import drill_for_start
from ..selectors.drills import drill_available_to, drill_questions_for
from ..signals import attempt_finished
from ..validation import option_count, response_problems
from .answer_rows import answer_write, item_of_token, item_of_user, items_of_attempt
from .attempt_clock import deadline_of, grace, late, question_timed_out
from .attempt_layouts import answer_save_from_layout, items_from_layout
from .finish_rows import attempt_grade_write, attempt_of_user_locked
from .memory import memory_record_answers
from .start_rows import attempt_insert, items_insert


class AttemptRefused(Exception):
    """A clear, translated reason why this cannot be done now."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class SavedAnswer:
    item: AttemptItem
    grade: Grade


def attempt_start(
    *, drill: Drill, person: Person, now: datetime | None = None, origin: str = ""
) -> Attempt:
    """Resume the person's attempt in progress, or start a new one. Checks that
    the drill is open to the person (refused with code "not_available"), so a
    caller need not. The attempt comes back with its drill. `origin` (a local
    path the caller has checked) is kept on a new attempt only: a resumed one
    keeps where it was started from."""
    if not drill.is_active or not drill_available_to(drill, person):
        raise AttemptRefused(_("This drill is not open to you."), code="not_available")
    return _start(drill=drill, person=person, now=now or timezone.now(), origin=origin)


def attempt_start_of(
    *, drill_id: int, person: Person, now: datetime | None = None, origin: str = ""
) -> Attempt:
    """attempt_start of the open drill `drill_id`, read in one query with
    whether it is open to the person and their attempt in progress at it.
    Refused "not_found" when there is no such open drill."""
    found = drill_for_start(drill_id=drill_id, person=person)
    if found is None:
        raise AttemptRefused(_("There is no such drill."), code="not_found")
    drill, open_to, current_id = found
    if not open_to:
        raise AttemptRefused(_("This drill is not open to you."), code="not_available")
    return _start(
        drill=drill,
        person=person,
        now=now or timezone.now(),
        origin=origin,
        resume=current_id is not None,
    )


def _start(
    *, drill: Drill, person: Person, now: datetime, origin: str, resume: bool = True
) -> Attempt:
    """Resume or start (see attempt_start). `resume` False: the person had no
    attempt in progress at the drill a moment ago, so none is looked for (a
    look-up that finds none locks nothing: the same as not looking)."""
    with transaction.atomic():
        current = None
        if resume:
            current = (
                Attempt.objects.select_for_update(of=("self",))
                .filter(drill=drill, person=person, status=AttemptStatus.IN_PROGRESS)
                .first()
            )
        if current is not None:
            current.drill = drill
            if not late(current.deadline, now):
                return current
            _finish(current, now=now, status=AttemptStatus.EXPIRED)
        if drill.attempts_allowed is not None:
            used = Attempt.objects.filter(drill=drill, person=person, mode=AttemptMode.SELF).count()
            if used >= drill.attempts_allowed:
                raise AttemptRefused(
                    ngettext(
                        "You have used your one attempt at this drill.",
                        "You have used all %(count)d attempts at this drill.",
                        drill.attempts_allowed,
                    )
                    % {"count": drill.attempts_allowed},
                    code="no_attempts_left",
                )
        questions = drill_questions_for(drill, person, now=now)
        if not questions:
            raise AttemptRefused(_("This drill has no questions for you yet."), code="empty")
        attempt = attempt_insert(  # written out (start_rows), its save signals sent
            drill=drill,
            person=person,
            started_at=now,
            deadline=deadline_of(drill, now),
            seed=random.SystemRandom().randrange(1, 2**31),
            origin=origin,
        )
        items = [
            AttemptItem(
                attempt=attempt,
                position=position,
                question=question,
                version=question.current_version,
            )
            for position, question in enumerate(questions)
        ]
        items_insert(items)
    attempt.items_read = items  # attempt_items: the answer shows them without reading them
    return attempt


def _item_for(
    *, attempt_id: int, position: int, user, token: AnswerToken | None = None, now=None
) -> AttemptItem:
    # Owned through the signed-in user (or the one an answer token names, still
    # signed in): one query finds the item and proves it is theirs.
    if token is not None:
        item = item_of_token(position=position, token=token, now=now or timezone.now())
    else:
        item = item_of_user(attempt_id=attempt_id, position=position, user=user)
    if item is None:
        raise AttemptRefused(_("There is no such question in this attempt."), code="not_found")
    return item


def item_open(*, attempt_id: int, position: int, user, now: datetime | None = None) -> AttemptItem:
    """Show a question: starts its own timer the first time (per-question limits)."""
    now = now or timezone.now()
    item = _item_for(attempt_id=attempt_id, position=position, user=user)
    if item.shown_at is None and item.attempt.status == AttemptStatus.IN_PROGRESS:
        AttemptItem.objects.filter(pk=item.pk, shown_at__isnull=True).update(shown_at=now)
        item.shown_at = now
    return item


def _check_clock(item: AttemptItem, now: datetime) -> None:
    """Refuse with "finished", "too_late" (the attempt's time is up: it is over)
    or "question_time_up" (this question's time is up: the others remain)."""
    attempt = item.attempt
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptRefused(_("This attempt is already finished."), code="finished")
    if late(attempt.deadline, now):
        raise AttemptRefused(
            _("Time is up: the answer came after the deadline and was not saved."), code="too_late"
        )
    if question_timed_out(item, attempt.drill, now):
        raise AttemptRefused(
            _("Time is up for this question: it stays unanswered. Go on with the next question."),
            code="question_time_up",
        )


def item_reveal(
    *, attempt_id: int, position: int, user, now: datetime | None = None
) -> AttemptItem:
    """Show a recall card's answer side, and remember when: a recall rating is
    taken only after it. Showing it again keeps the first time. Refused while
    the question cannot be answered any more (the same clocks as an answer)."""
    now = now or timezone.now()
    item = _item_for(attempt_id=attempt_id, position=position, user=user)
    if item.question.qtype != QuestionType.RECALL:
        raise AttemptRefused(
            _("Only a recall card has an answer to show before answering."), code="invalid"
        )
    if item.answered_at is None:
        _check_clock(item, now)
    if item.revealed_at is None:
        AttemptItem.objects.filter(pk=item.pk, revealed_at__isnull=True).update(revealed_at=now)
        item.revealed_at = now
    return item


def answer_save(
    *,
    attempt_id: int,
    position: int,
    user=None,
    token: AnswerToken | None = None,
    response: dict,
    now: datetime | None = None,
) -> SavedAnswer:
    """Grade and keep one answer of the signed-in user's attempt (or of the
    user an answer token names: answer_tokens). An answer, once saved, is
    final. One query once this process has the attempt's layout (kept from
    the start, or read with the first answer it saves: attempt_layouts);
    otherwise, and whenever the layout's write refuses, two: the item with
    all it needs (found through the user: a person reaches only their own),
    then the one write that keeps the answer. Its memory model moves on when
    the attempt ends (_finish)."""
    now = now or timezone.now()
    if token is not None and token.attempt_id != attempt_id:
        raise AttemptRefused(_("There is no such question in this attempt."), code="not_found")
    user_id = token.user_id if token is not None else user.pk
    from_layout = answer_save_from_layout(
        attempt_id=attempt_id,
        position=position,
        user_id=user_id,
        token=token,
        response=response,
        now=now,
    )
    if from_layout is not None:
        return SavedAnswer(*from_layout)
    item = _item_for(attempt_id=attempt_id, position=position, user=user, token=token, now=now)
    _check_clock(item, now)
    if item.answered_at is not None:
        raise AttemptRefused(_("This question is already answered."), code="answered")
    if item.question.qtype == QuestionType.RECALL and item.revealed_at is None:
        raise AttemptRefused(
            _("Show the answer first, then rate how well you recalled it."),
            code="not_revealed",
        )
    drill = item.attempt.drill
    version = item.version
    # Checked against the question's type before anything is graded or stored:
    # what is kept is exactly what fits.
    problems = response_problems(
        item.question.qtype, response, options=option_count(version.payload)
    )
    if problems:
        raise AttemptRefused(problems[0], code="invalid")
    canonical = to_payload_indices(
        qtype=item.question.qtype,
        payload=version.payload,
        seed=item_seed(item.attempt.seed, item.position),
        shuffle=drill.shuffle_choices if drill else True,
        response=response,
    )
    try:
        result = grade(item.question.qtype, version.payload, canonical)
    except ResponseInvalid as invalid:
        raise AttemptRefused(invalid.message, code="invalid") from invalid
    if not _keep_answer(item, response=response, score=result.score, now=now):
        finished = not Attempt.objects.filter(
            pk=item.attempt_id, status=AttemptStatus.IN_PROGRESS
        ).exists()
        if finished:  # handed in (or closed) since the item was read
            raise AttemptRefused(_("This attempt is already finished."), code="finished")
        raise AttemptRefused(_("This question is already answered."), code="answered")
    item.response, item.score, item.answered_at = response, result.score, now
    return SavedAnswer(item=item, grade=result)


def _keep_answer(item: AttemptItem, *, response: dict, score: float, now: datetime) -> bool:
    """Write an answer, in one statement, unless the question has been answered
    or the attempt handed in meanwhile; False when it was not written.

    The statement reads the attempt's row under a share lock (PostgreSQL), so
    it and a finish (which locks that row for update) run one after the other:
    a finish counts every answer written before it, and an answer sent during a
    finish waits for it, then finds the attempt finished and is refused. Two
    answers of one attempt share the lock and do not wait for each other; two
    saves of the same question: the second finds it answered. SQLite writes
    one statement at a time, which gives the same order without a lock."""
    return answer_write(item, response=response, score=score, now=now)


def attempt_items(attempt: Attempt) -> list[AttemptItem]:
    """The attempt's items in order, each with its question and version: read
    once, then kept on the attempt (finishing reads them, and its answer
    shows them; a new attempt has them from its start). Where this process
    keeps the attempt's layout, only the items are read, the questions and
    versions come from it (attempt_layouts)."""
    if getattr(attempt, "items_read", None) is None:
        attempt.items_read = items_from_layout(attempt) or items_of_attempt(attempt)
    return attempt.items_read


def _finish(attempt: Attempt, *, now: datetime, status: str) -> Attempt:
    """Grade the attempt and move the memory model on by its answers (those of
    a morning meeting's oral attempt moved it as each was marked)."""
    items = attempt_items(attempt)
    scores = [item.score for item in items]
    attempt.score = sum(s or 0 for s in scores) / len(scores) if scores else 0.0
    attempt.passed = (
        attempt.score * 100 >= attempt.drill.pass_mark - 1e-9 if attempt.drill else None
    )
    attempt.status = status
    attempt.finished_at = now
    attempt_grade_write(attempt)  # score, passed, status, finished_at
    if attempt.mode != AttemptMode.ORAL:
        memory_record_answers(
            person_id=attempt.person_id,
            answers=[
                (
                    item.question_id,
                    fsrs_rating(item.question.qtype, item.response, item.score or 0),
                    item.answered_at,
                )
                for item in items
                if item.answered_at is not None
            ],
            desired_retention=attempt.drill.desired_retention if attempt.drill else 0.9,
        )
    transaction.on_commit(
        lambda: attempt_finished.send(
            sender=Attempt,
            attempt_id=attempt.pk,
            person_id=attempt.person_id,
            drill_id=attempt.drill_id,
            score=attempt.score,
            passed=attempt.passed,
        )
    )
    return attempt


def attempt_finish(
    *, attempt_id: int, person: Person | None = None, user=None, token=None, now=None
) -> Attempt:
    """Finish and grade an attempt of `person` (or of the person behind the
    signed-in `user` or an answer `token`, found in the same query).
    Idempotent: of two concurrent calls one grades, the other is told the
    attempt is already finished. It comes back with its items (attempt_items)."""
    if [person, user, token].count(None) != 2:
        raise TypeError("attempt_finish takes a person, a user or an answer token")
    now = now or timezone.now()
    with transaction.atomic():
        if person is None:  # the API's finish, or a token's: written out (finish_rows)
            attempt = attempt_of_user_locked(attempt_id=attempt_id, user=user, token=token, now=now)
        else:
            attempt = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("drill")
                .filter(pk=attempt_id, person=person)
                .first()
            )
        if attempt is None:
            raise AttemptRefused(_("There is no such attempt."), code="not_found")
        if attempt.status != AttemptStatus.IN_PROGRESS:
            raise AttemptRefused(_("This attempt is already finished."), code="finished")
        expired = late(attempt.deadline, now)
        return _finish(
            attempt, now=now, status=AttemptStatus.EXPIRED if expired else AttemptStatus.FINISHED
        )


def attempts_close_overdue(*, now: datetime | None = None) -> int:
    """Close every attempt past its deadline (and the grace, as on every other
    path) with the answers already saved."""
    now = now or timezone.now()
    closed = 0
    overdue = Attempt.objects.filter(  # deadline < now - grace, i.e. late(deadline, now)
        status=AttemptStatus.IN_PROGRESS, deadline__lt=now - grace()
    ).values_list("pk", flat=True)
    for attempt_id in list(overdue):
        with transaction.atomic():
            attempt = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("drill")
                .filter(pk=attempt_id, status=AttemptStatus.IN_PROGRESS)
                .first()
            )
            if attempt is not None:
                _finish(attempt, now=now, status=AttemptStatus.EXPIRED)
                closed += 1
    return closed
