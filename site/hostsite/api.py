"""The JSON API of the host site: each app contributes a router.

Every error, whoever raises it (an app, django-ninja's own checks, Django's
request parsing), answers in one shape, the problem the schema documents:
`{"code": ..., "message": ..., "field": ...}`, with a translated message and
the field it is about when there is one. Nothing answers `{"detail": ...}`,
a traceback or an HTML page.
"""

import json
import logging
import math

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from quizzes.api import router as quizzes_router

# Django's own logger for failed requests: the same handlers (mail to admins) hear of API faults.
logger = logging.getLogger("django.request")

# The largest integer a database column holds (SQLite's INTEGER, PostgreSQL's bigint).
LARGEST_INTEGER = 2**63 - 1


class BodyRefused(ValueError):
    """A JSON body that parses but holds what no field can keep; `message` says what."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _refuse_constant(name: str):
    raise BodyRefused(
        _("%(value)s is not a number JSON allows; send a finite number.") % {"value": name}
    )


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BodyRefused(_("The number %(value)s is too large.") % {"value": text[:40]})
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(value := int(text)) > LARGEST_INTEGER:
        raise BodyRefused(_("The number %(value)s is too large.") % {"value": text[:40]})
    return value


class StrictJSONParser(Parser):
    """JSON as the standard defines it: no NaN or Infinity, no number that
    overflows a float or a database integer."""

    def parse_body(self, request: HttpRequest):
        return json.loads(
            request.body,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )


api = NinjaAPI(
    title="Lianbing API",
    version="1",
    auth=django_auth,  # the signed-in session; unsafe methods need the CSRF token
    urls_namespace="api",
    parser=StrictJSONParser(),
)
api.add_router("/quizzes/", quizzes_router)


def problem(request, status: int, code: str, message: str, field: str | None = None):
    return api.create_response(
        request, {"code": code, "message": message, "field": field}, status=status
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(request, 404, "not_found", _("There is no such thing, or it is not yours."))


@api.exception_handler(AuthenticationError)
def _not_signed_in(request, exc):
    return problem(request, 401, "not_signed_in", _("Sign in first."))


@api.exception_handler(AuthorizationError)
def _forbidden(request, exc):
    return problem(request, 403, "forbidden", _("You may not do this."))


def _body_message(cause: BaseException | None) -> tuple[str, str]:
    if isinstance(cause, BodyRefused):
        return "invalid_number", cause.message
    if isinstance(cause, json.JSONDecodeError):
        return "invalid_json", _(
            "The request body is not valid JSON (line %(line)d, column %(column)d)."
        ) % {"line": cause.lineno, "column": cause.colno}
    if isinstance(cause, UnicodeDecodeError):
        return "invalid_json", _("The request body is not UTF-8 text.")
    return "invalid_json", _("The request body is not valid JSON.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:
        # django-ninja answers an unreadable body with a bare 400; say what was wrong.
        code, message = _body_message(exc.__cause__)
        return problem(request, 400, code, message, "body")
    if exc.status_code == 403:
        return problem(
            request, 403, "csrf", _("The CSRF token is missing or wrong: reload the page.")
        )
    return problem(request, exc.status_code, "refused", str(exc))


def _field(error: dict) -> str:
    """Where an error is, as a client names it: "position", "response.choice";
    the source alone ("body", "path") when the whole of it is wrong."""
    location = [str(part) for part in error.get("loc", ())]
    # Leave out the body parameter's own name and pydantic's names for the
    # validators and union members it tried ("function-wrap[...]", "SingleAnswer").
    inside = [
        part
        for part in location[1:]
        if part != "payload" and "[" not in part and not part[:1].isupper()
    ]
    return ".".join(inside or location[:1])


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = exc.errors[:10]
    message = "; ".join(f"{_field(e)}: {e.get('msg', '')}" for e in errors)
    return problem(
        request,
        422,
        "invalid",
        message or _("The request does not fit the schema."),
        _field(errors[0]) if errors else None,
    )


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    return problem(request, 413, "too_large", _("The request body is too large."))


@api.exception_handler(MultiPartParserError)
def _unreadable_form(request, exc):
    return problem(request, 400, "invalid_body", _("The form data cannot be read."), "body")


@api.exception_handler(TooManyFieldsSent)
def _too_many_fields(request, exc):
    return problem(request, 400, "invalid_body", _("The form data has too many fields."), "body")


@api.exception_handler(Exception)
def _server_error(request, exc):
    """A fault of ours: logged and reported as Django would, answered in the
    problem shape without a traceback, in development as in production."""
    logger.error("Internal Server Error: %s", request.path, exc_info=exc)
    return problem(request, 500, "server_error", _("Something went wrong on our side."))
