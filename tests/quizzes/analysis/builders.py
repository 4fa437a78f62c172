"""Attempts taken through the real services, answered by payload index and
mapped to the displayed (shuffled) ids a browser would send."""

from quizzes.presentation import item_seed, solution, to_payload_indices
from quizzes.services import answer_save, attempt_finish, attempt_start
from tests.factories import PersonFactory


def _item(attempt, question):
    return attempt.items.select_related("version", "question").get(question=question)


def _shuffle(attempt) -> bool:
    return attempt.drill.shuffle_choices if attempt.drill else True


def displayed_choice(attempt, item, payload_index: int) -> int:
    """The displayed id under which the payload's choice was shown."""
    # Single and multiple choice share one layout; ask in the single-choice shape.
    for shown in range(len(item.version.payload["choices"])):
        canonical = to_payload_indices(
            qtype="single",
            payload=item.version.payload,
            seed=item_seed(attempt.seed, item.position),
            shuffle=_shuffle(attempt),
            response={"choice": shown},
        )
        if canonical["choice"] == payload_index:
            return shown
    raise AssertionError("no such choice")


def right_response(attempt, item) -> dict:
    correct = solution(
        qtype=item.question.qtype,
        stem="",
        payload=item.version.payload,
        general_feedback="",
        seed=item_seed(attempt.seed, item.position),
        shuffle=_shuffle(attempt),
    )["correct"]
    return {"choice": correct[0]}


def wrong_response(attempt, item) -> dict:
    right = right_response(attempt, item)["choice"]
    return {"choice": (right + 1) % len(item.version.payload["choices"])}


def respond(attempt, person, question, response, *, now=None):
    item = _item(attempt, question)
    if response == "right":
        response = right_response(attempt, item)
    elif response == "wrong":
        response = wrong_response(attempt, item)
    elif isinstance(response, dict) and "payload_choice" in response:
        response = {"choice": displayed_choice(attempt, item, response["payload_choice"])}
    elif isinstance(response, dict) and "payload_choices" in response:
        response = {
            "choices": [displayed_choice(attempt, item, i) for i in response["payload_choices"]]
        }
    return answer_save(
        attempt_id=attempt.pk, position=item.position, user=person.user, response=response, now=now
    )


def take(drill, person=None, *, answers: dict, now=None):
    """One finished attempt: `answers` maps a question to "right", "wrong", a
    response, {"payload_choice": i} or {"payload_choices": [i, ...]}.
    Questions left out stay unanswered."""
    person = person or PersonFactory()
    attempt = attempt_start(drill=drill, person=person, now=now)
    for question, response in answers.items():
        respond(attempt, person, question, response, now=now)
    return attempt_finish(attempt_id=attempt.pk, person=person, now=now)
