"""JSON API of drills: start, answer, finish, the due queue, results.

The phone page uses it, and so can any other client: the OpenAPI schema is
at /api/openapi.json and the docs at /api/docs. Signed-in sessions only;
unsafe methods need the CSRF token. A person only ever reaches their own
attempts: every look-up goes through the signed-in person.
"""

import math

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router, Status

from hanzi.conversion import in_reader_script
from markup.rendering import markdown_renderer, render_markdown
from people.selectors import person_for_user

from .answer_tokens import token_for
from .models import Attempt, AttemptStatus, FeedbackTiming
from .origins import ORIGIN_MAX_LENGTH, local_origin
from .presentation import item_seed, present, solution
from .schemas import (
    ERRORS,
    LARGEST_ID,
    LARGEST_POSITION,
    AnswerIn,
    AnswerOut,
    AttemptOut,
    DrillOut,
    DueOut,
    ItemOut,
    ItemResult,
    Problem,
    RevealOut,
)
from .selectors import attempt_results_visible, drills_available_to, due_queue
from .services import (
    AttemptRefused,
    SavedAnswer,
    answer_save,
    attempt_finish,
    attempt_items,
    attempt_start_of,
    item_open,
    item_reveal,
    layout_remember,
    question_ends_at,
    question_timed_out,
)

router = Router(tags=["drills"])

REFUSAL_STATUS = {"not_found": 404, "invalid": 400}


def _attempt_links() -> dict:
    """OpenAPI links from an attempt to what a client does next with it, so
    a client (or a test that follows links) finds its way without guessing ids."""
    attempt_id = {"attempt_id": "$response.body#/id"}
    return {
        "responses": {
            200: {
                "links": {
                    "GetAttempt": {
                        "operationId": "quizzes_api_get_attempt",
                        "parameters": attempt_id,
                    },
                    "OpenFirstItem": {
                        "operationId": "quizzes_api_open_item",
                        "parameters": {
                            **attempt_id,
                            "position": "$response.body#/items/0/position",
                        },
                    },
                    "SaveAnswer": {
                        "operationId": "quizzes_api_save_answer",
                        "parameters": attempt_id,
                    },
                    "FinishAttempt": {
                        "operationId": "quizzes_api_finish_attempt",
                        "parameters": attempt_id,
                    },
                }
            }
        }
    }


def _drill_links() -> dict:
    return {
        "responses": {
            200: {
                "links": {
                    "StartFirstDrill": {
                        "operationId": "quizzes_api_start_attempt",
                        "parameters": {"drill_id": "$response.body#/0/id"},
                    }
                }
            }
        }
    }


def _person(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    return person


def _refusal(refused: AttemptRefused):
    status = REFUSAL_STATUS.get(refused.code, 409)
    field = "response" if refused.code == "invalid" else None
    return Status(status, {"code": refused.code, "message": refused.message, "field": field})


def _shuffle(attempt: Attempt) -> bool:
    return attempt.drill.shuffle_choices if attempt.drill else True


def _item_result(
    item, attempt: Attempt, grade_feedback=None, *, render=render_markdown
) -> ItemResult:
    version = item.version
    return ItemResult(
        score=item.score or 0.0,
        correct=(item.score or 0) >= 0.999,
        feedback_html=[str(render(text)) for text in (grade_feedback or [])],
        solution=solution(
            qtype=item.question.qtype,
            stem=version.stem,
            payload=version.payload,
            general_feedback=version.general_feedback,
            seed=item_seed(attempt.seed, item.position),
            shuffle=_shuffle(attempt),
            render=render,
        ),
    )


def _seconds_left(deadline, now) -> int | None:
    """Whole seconds left, rounded up: a clock shown at 45 s reads 0:45, not 0:44."""
    return None if deadline is None else max(0, math.ceil((deadline - now).total_seconds()))


def attempt_out(attempt: Attempt, *, request=None) -> AttemptOut:
    """The attempt as its person sees it; given the person's `request`, with
    the answer token while it is open."""
    now = timezone.now()
    render = markdown_renderer()  # the same for every question
    items = attempt_items(attempt)  # no query after a finish, which read them
    show_results = attempt_results_visible(attempt)
    return AttemptOut(
        id=attempt.pk,
        drill_id=attempt.drill_id,
        drill_title=in_reader_script(attempt.drill.title) if attempt.drill else "",
        status=attempt.status,
        started_at=attempt.started_at,
        deadline=attempt.deadline,
        server_time=now,
        seconds_left=_seconds_left(attempt.deadline, now),
        feedback=attempt.drill.feedback if attempt.drill else FeedbackTiming.IMMEDIATE,
        score=attempt.score if attempt.status != AttemptStatus.IN_PROGRESS else None,
        passed=attempt.passed if attempt.status != AttemptStatus.IN_PROGRESS else None,
        items=[
            item_out(item, attempt, now=now, with_result=show_results, render=render)
            for item in items
        ],
        answer_token=(
            token_for(
                attempt_id=attempt.pk, user=request.user, session_key=request.session.session_key
            )
            if request is not None and attempt.status == AttemptStatus.IN_PROGRESS
            else None
        ),
    )


def item_out(item, attempt: Attempt, *, now, with_result: bool, render=render_markdown) -> ItemOut:
    """One question as its person sees it; its timer counts from when it was
    first shown. `render`: a markdown_renderer for all of an attempt's."""
    per_question = attempt.drill.time_per_question if attempt.drill else None
    ends_at = question_ends_at(item, attempt.drill)
    return ItemOut(
        position=item.position,
        answered=item.answered_at is not None,
        question=present(
            qtype=item.question.qtype,
            stem=item.version.stem,
            payload=item.version.payload,
            seed=item_seed(attempt.seed, item.position),
            shuffle=_shuffle(attempt),
            render=render,
        ),
        seconds_left=_seconds_left(ends_at, now) if ends_at else per_question,
        timed_out=question_timed_out(item, attempt.drill, now),
        revealed=item.revealed_at is not None,
        result=(
            _item_result(item, attempt, render=render)
            if with_result and item.answered_at is not None
            else None
        ),
    )


@router.get("/drills", response={200: list[DrillOut], **ERRORS}, openapi_extra=_drill_links())
def list_drills(request):
    return [
        DrillOut(
            id=d.pk,
            title=in_reader_script(d.title),
            description_html=str(render_markdown(d.description)),
            selection=d.selection,
            question_count=d.question_count,
            time_limit=d.time_limit,
            time_per_question=d.time_per_question,
            pass_mark=d.pass_mark,
            feedback=d.feedback,
            attempts_allowed=d.attempts_allowed,
        )
        for d in drills_available_to(_person(request))
    ]


@router.post(
    "/drills/{drill_id}/attempts",
    response={200: AttemptOut, **ERRORS, 409: Problem},
    openapi_extra=_attempt_links(),
)
def start_attempt(
    request,
    drill_id: int = Path(..., ge=1, le=LARGEST_ID),
    origin: str = Query("", max_length=ORIGIN_MAX_LENGTH),
):
    """Start a drill, or resume the attempt in progress (a reload or a lost
    connection). `origin` is the page the drill was started from (a path on
    this site, kept on a new attempt so its result page can lead back)."""
    person = _person(request)
    try:
        # Reads the open drill, checks that it is open to this person.
        attempt = attempt_start_of(
            drill_id=drill_id, person=person, origin=local_origin(origin, request=request)
        )
    except AttemptRefused as refused:
        if refused.code in ("not_found", "not_available"):
            raise Http404 from refused  # outside its audience: as if there were no such drill
        return _refusal(refused)
    response = attempt_out(attempt, request=request)
    layout_remember(attempt, user=request.user)  # the next answers: one statement each
    return Status(200, response)


def _own_attempt(request, attempt_id: int) -> Attempt:
    # Through the signed-in user: one query finds the attempt and proves it is theirs.
    return get_object_or_404(
        Attempt.objects.select_related("drill"), pk=attempt_id, person__user=request.user
    )


@router.get(
    "/attempts/{attempt_id}", response={200: AttemptOut, **ERRORS}, openapi_extra=_attempt_links()
)
def get_attempt(request, attempt_id: int = Path(..., ge=1, le=LARGEST_ID)):
    return attempt_out(_own_attempt(request, attempt_id), request=request)


@router.post(
    "/attempts/{attempt_id}/items/{position}/open",
    response={200: ItemOut, **ERRORS, 409: Problem},
)
def open_item(
    request,
    attempt_id: int = Path(..., ge=1, le=LARGEST_ID),
    position: int = Path(..., ge=0, le=LARGEST_POSITION),
):
    """Show one question: starts its timer when the drill has one per question."""
    now = timezone.now()  # one clock: the question's full time when it is first shown
    try:
        item = item_open(attempt_id=attempt_id, position=position, user=request.user, now=now)
    except AttemptRefused as refused:
        return _refusal(refused)
    return Status(200, item_out(item, item.attempt, now=now, with_result=False))


@router.post(
    "/attempts/{attempt_id}/items/{position}/reveal",
    response={200: RevealOut, **ERRORS, 409: Problem},
)
def reveal_item(
    request,
    attempt_id: int = Path(..., ge=1, le=LARGEST_ID),
    position: int = Path(..., ge=0, le=LARGEST_POSITION),
):
    """Show a recall card's answer side. The server records when: a recall
    rating sent before it is refused 409 "not_revealed". Other questions have
    nothing to reveal (400 "invalid")."""
    try:
        item = item_reveal(attempt_id=attempt_id, position=position, user=request.user)
    except AttemptRefused as refused:
        return _refusal(refused)
    return Status(
        200,
        RevealOut(
            position=item.position,
            back_html=str(render_markdown(item.version.payload.get("back", ""))),
        ),
    )


@router.post(
    "/attempts/{attempt_id}/answers",
    response={200: AnswerOut, **ERRORS, 409: Problem},
)
def save_answer(request, payload: AnswerIn, attempt_id: int = Path(..., ge=1, le=LARGEST_ID)):
    """Save one answer as it is given. Whether the result comes back depends on the drill's feedback rule."""
    try:
        saved = answer_save(
            attempt_id=attempt_id,
            position=payload.position,
            user=request.user,
            response=payload.response.model_dump(),
        )
    except AttemptRefused as refused:
        return _refusal(refused)
    return Status(200, answer_out(saved))


def answer_out(saved: SavedAnswer) -> AnswerOut:
    """A saved answer, with its result when the drill's feedback shows it now."""
    attempt = saved.item.attempt
    result = (
        # One renderer: the feedback, the explanation and the right answer in
        # words each looked up the language and the hosts again.
        _item_result(saved.item, attempt, saved.grade.feedback, render=markdown_renderer())
        if attempt_results_visible(attempt)
        else None
    )
    return AnswerOut(position=saved.item.position, saved=True, result=result)


@router.post("/attempts/{attempt_id}/finish", response={200: AttemptOut, **ERRORS, 409: Problem})
def finish_attempt(request, attempt_id: int = Path(..., ge=1, le=LARGEST_ID)):
    """Finish and grade. A second finish is answered 409 "finished"."""
    try:
        attempt = attempt_finish(attempt_id=attempt_id, user=request.user)
    except AttemptRefused as refused:
        return _refusal(refused)
    return Status(200, attempt_out(attempt))


@router.get("/due", response={200: list[DueOut], **ERRORS})
def due(request):
    """Today's review queue, capped so the daily workload stays bounded."""
    return [
        DueOut(
            question_id=state.question_id,
            name=state.question.name,
            topic=state.question.topic.name,
            due=state.due,
        )
        for state in due_queue(_person(request))
    ]
