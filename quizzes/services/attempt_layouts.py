"""An attempt's layout kept per process, so that an answer is saved in one
statement: the morning drill's most frequent request, 2,000 at once.

What a save reads to grade an answer does not change once the attempt has
started: its questions at their positions and their versions (a version
that an attempt holds is never corrected in place: question_update and the
fact sheets add a new one), its seed, its start, its person. So a process
keeps all of it per attempt (the process that starts the attempt from its
start, another from its first answer of it: one query, as the two-statement
save's look-up) and grades the next answers from it; the one write then
proves what the look-up proved by reading (the question unanswered, the
attempt open and the user's, the drill's rules as kept, the answer token's
session and password still good: layout_rows).
When the write does not happen, the layout is dropped and the save goes the
two-statement way, which finds and says why (attempts.answer_save).

A layout holds no answer; each save gets its own copies of its instances,
so no request sees another's. Layouts share one copy of each version and
question (a morning drill's 2,000 attempts ask the same ten). Nothing here
is needed by another process: it is only a copy. The oldest go first once
LAYOUTS_KEPT layouts (CONTENTS_KEPT versions and questions) are kept."""

import threading
from dataclasses import dataclass
from datetime import datetime

from django.db.models.base import ModelState

from ..answer_tokens import AnswerToken
from ..grading import ResponseInvalid, grade
from ..models import Attempt, AttemptItem, AttemptStatus
from ..presentation import item_seed, to_payload_indices
from ..question_types import QuestionType
from ..validation import option_count, response_problems
from .attempt_clock import late
from .layout_rows import answers_of_attempt, known_answer_write, layout_rows

LAYOUTS_KEPT = 4096
CONTENTS_KEPT = 8192


@dataclass(frozen=True)
class AttemptLayout:
    attempt: Attempt  # with its drill (or None)
    items: dict[int, AttemptItem]  # by position, each with its version and question
    user_id: int  # whose attempt it is
    password: str  # the user's password hash, as read with the layout


class _Kept:
    """A map that forgets its oldest entries past `limit`; safe to share
    between threads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._held: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple):
        return self._held.get(key)

    def put(self, key: tuple, value) -> None:
        with self._lock:
            self._held[key] = value
            while len(self._held) > self.limit:
                del self._held[next(iter(self._held))]

    def drop(self, key: tuple) -> None:
        with self._lock:
            self._held.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._held.clear()


layouts = _Kept(LAYOUTS_KEPT)  # by attempt
_contents = _Kept(CONTENTS_KEPT)  # versions and questions, by (model, id)


def layouts_clear() -> None:
    layouts.clear()
    _contents.clear()


def _shared(instance):
    """The process's one copy of a version or question an attempt holds:
    neither changes once an attempt holds it (what a save reads of a
    question, its type, is fixed once it has a version)."""
    key = (instance._meta.label, instance.pk)
    kept = _contents.get(key)
    if kept is None:
        kept = _copy(instance)
        _contents.put(key, kept)
    return kept


def _layout_of(attempt_id: int, user_id: int) -> AttemptLayout | None:
    layout = layouts.get(attempt_id)
    if layout is None or layout.user_id != user_id:
        read = layout_rows(attempt_id=attempt_id, user_id=user_id)
        if read is None:
            return None
        rows, password = read
        attempt, drill = rows[0][1], rows[0][2]
        Attempt._meta.get_field("drill").set_cached_value(attempt, drill)
        items = {}
        for item, _attempt, _drill, version, question in rows:
            AttemptItem._meta.get_field("version").set_cached_value(item, _shared(version))
            AttemptItem._meta.get_field("question").set_cached_value(item, _shared(question))
            items[item.position] = item
        layout = AttemptLayout(attempt=attempt, items=items, user_id=user_id, password=password)
        layouts.put(attempt_id, layout)
    return layout


def layout_remember(attempt: Attempt, *, user) -> None:
    """Keep the layout of the attempt the signed-in `user` has just started
    or resumed, from its items read (attempt_items): the process that
    started it saves its first answer in one statement too."""
    items = getattr(attempt, "items_read", None)
    if not items or attempt.status != AttemptStatus.IN_PROGRESS:
        return
    kept = _copy(attempt)
    kept.__dict__.pop("items_read", None)
    Attempt._meta.get_field("drill").set_cached_value(kept, _copy(attempt.drill))
    by_position = {}
    for item in items:
        laid = _copy(item)
        AttemptItem._meta.get_field("version").set_cached_value(laid, _shared(item.version))
        AttemptItem._meta.get_field("question").set_cached_value(laid, _shared(item.question))
        by_position[laid.position] = laid
    layouts.put(
        attempt.pk,
        AttemptLayout(attempt=kept, items=by_position, user_id=user.pk, password=user.password),
    )


def _copy(instance):
    """A copy of a model instance read from the database, its fields only
    (copy.copy's pickling protocol took a sixth of a save for four)."""
    if instance is None:
        return None
    new = type(instance).__new__(type(instance))
    new.__dict__.update(instance.__dict__)
    state = ModelState()
    state.adding, state.db = False, instance._state.db
    new._state = state  # with no related instance cached
    return new


def items_from_layout(attempt: Attempt) -> list[AttemptItem] | None:
    """The attempt's items in order, their answers read now and their
    questions and versions from this process's layout (one query, of the
    items alone); None without a layout of this attempt. The caller has
    proved the attempt is the reader's (it read `attempt` through them)."""
    layout = layouts.get(attempt.pk)
    if layout is None or layout.attempt.started_at != attempt.started_at:
        return None
    items = answers_of_attempt(attempt.pk)
    if [item.pk for item in items] != [layout.items[p].pk for p in sorted(layout.items)]:
        layouts.drop(attempt.pk)  # not this attempt's layout after all
        return None
    for item in items:
        laid = layout.items[item.position]
        AttemptItem._meta.get_field("attempt").set_cached_value(item, attempt)
        AttemptItem._meta.get_field("version").set_cached_value(item, _copy(laid.version))
        AttemptItem._meta.get_field("question").set_cached_value(item, _copy(laid.question))
    return items


def _copies(layout: AttemptLayout, laid: AttemptItem) -> AttemptItem:
    """A copy of the item, its attempt (and drill), version and question."""
    attempt = _copy(layout.attempt)
    Attempt._meta.get_field("drill").set_cached_value(attempt, _copy(layout.attempt.drill))
    item = _copy(laid)
    AttemptItem._meta.get_field("attempt").set_cached_value(item, attempt)
    AttemptItem._meta.get_field("version").set_cached_value(item, _copy(laid.version))
    AttemptItem._meta.get_field("question").set_cached_value(item, _copy(laid.question))
    return item


def answer_save_from_layout(
    *,
    attempt_id: int,
    position: int,
    user_id: int,
    token: AnswerToken | None,
    response: dict,
    now: datetime,
):
    """(the item as saved, its grade) when the answer was graded from the
    attempt's layout and kept in one write; None when this cannot say (not
    the user's, refused, or anything the layout does not cover: a question
    with its own clock), for the two-statement save to decide."""
    layout = _layout_of(attempt_id, user_id)
    if layout is None or (token is not None and not token.password_matches(layout.password)):
        return None
    laid = layout.items.get(position)
    attempt, drill = layout.attempt, layout.attempt.drill
    if laid is None or late(attempt.deadline, now) or (drill and drill.time_per_question):
        return None
    qtype, payload = laid.question.qtype, laid.version.payload
    if response_problems(qtype, response, options=option_count(payload)):
        return None
    canonical = to_payload_indices(
        qtype=qtype,
        payload=payload,
        seed=item_seed(attempt.seed, position),
        shuffle=drill.shuffle_choices if drill else True,
        response=response,
    )
    try:
        result = grade(qtype, payload, canonical)
    except ResponseInvalid:
        return None
    written = known_answer_write(
        item_id=laid.pk,
        attempt=attempt,
        recall=qtype == QuestionType.RECALL,
        user_id=user_id,
        response=response,
        score=result.score,
        now=now,
        signed_in=None if token is None else (layout.password, token.session_key),
    )
    if not written:
        layouts.drop(attempt_id)
        return None
    item = _copies(layout, laid)
    item.response, item.score, item.answered_at = response, result.score, now
    return item, result
