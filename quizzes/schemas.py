"""The shapes the drills' JSON API (quizzes.api) takes and answers, as
django-ninja schemas and plain pydantic models: OpenAPI documents them by
these class names."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from .validation import ANSWER_TEXT_MAX, NUMBER_TEXT_MAX

# Ids are database integers: a larger one names nothing and is refused (422)
# before it reaches a query that could not hold it.
LARGEST_ID = 2**63 - 1
LARGEST_POSITION = 2**31 - 1


class Problem(Schema):
    """Every error: a machine-readable code, a translated message, and the
    field it is about when there is one."""

    code: str
    message: str
    field: str | None = None


# What any operation may answer besides its own outcomes: 400 an unreadable
# body, 401 not signed in, 403 a missing CSRF token, 404 nothing of yours by
# that id, 413 a body over the size limit, 422 parameters that do not fit.
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 422: Problem}


class DrillOut(Schema):
    id: int
    title: str
    description_html: str
    selection: str
    question_count: int
    time_limit: int | None
    time_per_question: int | None
    pass_mark: int
    feedback: str
    attempts_allowed: int | None


class Out(BaseModel):
    """A shape the API only answers with, made by its own code: pydantic's
    model, without django-ninja's Schema reading every field of its input
    through a getter (about a third of building a finished attempt's answer,
    1 ms of the morning drill's finish). Documented the same way."""


class ItemResult(Out):
    score: float
    correct: bool
    feedback_html: list[str]
    solution: dict


class ItemOut(Out):
    position: int
    answered: bool
    question: dict
    seconds_left: int | None = Field(
        None,
        description="Seconds left of the question's own time: all of it until it is shown, "
        "then counted from when it was first shown. None when the drill has no time per question.",
    )
    timed_out: bool = Field(
        False,
        description="The question's own time (and the grace) ran out before an answer: it stays "
        "unanswered, and the attempt goes on with the other questions.",
    )
    revealed: bool = Field(False, description="A recall card's answer side has been shown.")
    result: ItemResult | None = None


class RevealOut(Schema):
    """A recall card's answer side, shown before the person rates their recall."""

    position: int
    back_html: str


class AttemptOut(Out):
    id: int
    drill_id: int | None
    drill_title: str
    status: str
    started_at: datetime
    deadline: datetime | None
    server_time: datetime
    seconds_left: int | None
    feedback: str
    score: float | None
    passed: bool | None
    items: list[ItemOut]
    answer_token: str | None = Field(
        None,
        description="While the attempt is open: send it as the X-Answer-Token header "
        "with each answer and the hand-in (beside the session cookie, instead of the CSRF "
        "token) and they are checked faster. It holds for this attempt and this session only.",
    )


# An answer's shape depends on the question's type (see quizzes.question_types);
# ids are the displayed ids the question came out with. Each shape takes
# exactly its own keys; whether it fits the question at hand (its type, how
# many choices it offers) is checked when it is saved, answered 400 if not.
Index = Annotated[int, Field(ge=0, le=999)]


class _Answer(BaseModel):
    """An answer's shape: pydantic's model, not django-ninja's Schema, which
    validates a model forbidding extra keys twice (the second time through a
    getter made for reading model instances), each member of a union tried."""

    model_config = ConfigDict(extra="forbid")


class SingleAnswer(_Answer):
    choice: Index


class MultipleAnswer(_Answer):
    choices: list[Index] = Field(max_length=200)


class TrueFalseAnswer(_Answer):
    answer: bool


class ShortAnswer(_Answer):
    text: str = Field(min_length=1, max_length=ANSWER_TEXT_MAX)


class NumericAnswer(_Answer):
    value: (
        Annotated[str, Field(max_length=NUMBER_TEXT_MAX)]
        | Annotated[float, Field(strict=True, allow_inf_nan=False)]
    )


class OrderingAnswer(_Answer):
    order: list[Index] = Field(max_length=200)


class MatchingAnswer(_Answer):
    pairs: dict[Annotated[str, Field(pattern=r"^[0-9]{1,3}$")], Index] = Field(max_length=200)


class RecallAnswer(_Answer):
    rating: int = Field(ge=1, le=4, description="1 again, 2 hard, 3 good, 4 easy")


class AnswerIn(_Answer):
    """One answer to the question at `position`."""

    position: int = Field(ge=0, le=LARGEST_POSITION)
    response: (
        SingleAnswer
        | MultipleAnswer
        | TrueFalseAnswer
        | ShortAnswer
        | NumericAnswer
        | OrderingAnswer
        | MatchingAnswer
        | RecallAnswer
    )


class AnswerOut(Out):
    position: int
    saved: bool
    result: ItemResult | None = None


class DueOut(Schema):
    question_id: int
    name: str
    topic: str
    due: datetime
