"""An answer, or the hand-in, sent with its answer token
(quizzes.answer_tokens), saved without reading the session or going through
django-ninja: the morning drill's most frequent requests.

Only the plain success is answered here. Anything else (no token, a token
that no longer holds, a body that does not fit, a refusal) goes to the
API's own operation, which answers it as it always does: in the reader's
language, in the API's problem shape, after the session's and the CSRF
token's checks. A refusal writes nothing, so the API finds what this found.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError

from ..answer_tokens import HEADER_META_KEY, token_read
from ..api import answer_out, attempt_out
from ..schemas import LARGEST_ID, AnswerIn
from ..services import AttemptRefused, answer_save, attempt_finish


# JSON as the API's parser reads it (hostsite.api.StrictJSONParser); what it
# refuses goes to the API, which says why.
def _refuse_constant(name: str):
    raise ValueError(name)  # NaN, Infinity


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise ValueError(text)
    return int(text)


def _parsed(body: bytes):
    return json.loads(
        body, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int
    )


def answer_with_token_view(api_view: Callable) -> Callable:
    """The view of POST .../attempts/<attempt_id>/answers in front of
    `api_view`, the API's own."""
    return _in_front_of(api_view, _save, answer_out)


def finish_with_token_view(api_view: Callable) -> Callable:
    """The view of POST .../attempts/<attempt_id>/finish in front of
    `api_view`, the API's own."""
    return _in_front_of(api_view, _finish, attempt_out)


def _in_front_of(api_view: Callable, done: Callable, out: Callable) -> Callable:
    @csrf_exempt  # the token sent as a header is the proof (answer_tokens)
    def view(request: HttpRequest, attempt_id: int) -> HttpResponse:
        result = None
        if request.method == "POST" and attempt_id <= LARGEST_ID:
            result = done(request, attempt_id)
        if result is None:
            return api_view(request, attempt_id=attempt_id)
        return HttpResponse(
            out(result).model_dump_json(), content_type="application/json; charset=utf-8"
        )

    return view


def _token(request: HttpRequest, attempt_id: int):
    return token_read(
        # From META: request.headers builds a mapping of every header first.
        request.META.get(HEADER_META_KEY, ""),
        attempt_id=attempt_id,
        session_key=request.COOKIES.get(settings.SESSION_COOKIE_NAME),
    )


def _save(request: HttpRequest, attempt_id: int):
    token = _token(request, attempt_id)
    if token is None:
        return None
    try:
        payload = AnswerIn.model_validate(_parsed(request.body))
    except (ValueError, ValidationError):  # JSONDecodeError and UnicodeDecodeError included
        return None
    try:
        return answer_save(
            attempt_id=attempt_id,
            position=payload.position,
            token=token,
            response=payload.response.model_dump(),
        )
    except AttemptRefused:
        return None


def _finish(request: HttpRequest, attempt_id: int):
    token = _token(request, attempt_id)
    if token is None:
        return None
    try:
        return attempt_finish(attempt_id=attempt_id, token=token)
    except AttemptRefused:
        return None
