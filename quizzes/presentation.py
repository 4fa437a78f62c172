"""What a browser may see of a question, in the order it sees it.

A question goes out without fractions, feedback or answers. Choices, items
and matching options are shuffled by a seed kept on the attempt, and go out
with ids that are their displayed positions, so an id says nothing about the
author's order (authors often put the right answer first). Responses come
back in displayed ids and are mapped to the payload's own indices here,
before grading.
"""

import random

from markup.rendering import render_markdown

from .question_types import QuestionType


def item_seed(attempt_seed: int, position: int) -> int:
    return attempt_seed * 1009 + position


def _permutation(length: int, seed: int, shuffle: bool) -> list[int]:
    """permutation[display position] = index in the payload."""
    order = list(range(length))
    if shuffle:
        random.Random(seed).shuffle(order)
    return order


def _right_options(payload) -> list[str]:
    return [pair["right"] for pair in payload["pairs"]] + list(payload.get("distractors", []))


def _layout(qtype: str, payload: dict, seed: int, shuffle: bool) -> list[int]:
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return _permutation(len(payload["choices"]), seed, shuffle)
    if qtype == QuestionType.ORDERING:
        # Always shuffled: in the authored order the answer would be given away.
        order = _permutation(len(payload["items"]), seed, True)
        if len(order) > 1 and order == sorted(order):
            order = order[1:] + order[:1]
        return order
    if qtype == QuestionType.MATCHING:
        return _permutation(len(_right_options(payload)), seed, True)
    return []


def present(*, qtype: str, stem: str, payload: dict, seed: int, shuffle: bool) -> dict:
    """The question as a client may see it before answering."""
    layout = _layout(qtype, payload, seed, shuffle)
    public: dict = {"type": qtype, "stem_html": str(render_markdown(stem))}
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        choices = payload["choices"]
        public["choices"] = [
            {"id": display, "html": str(render_markdown(choices[index]["text"]))}
            for display, index in enumerate(layout)
        ]
    elif qtype == QuestionType.NUMERIC:
        public["unit"] = payload.get("unit", "")
    elif qtype == QuestionType.ORDERING:
        items = payload["items"]
        public["items"] = [
            {"id": display, "html": str(render_markdown(items[index]))}
            for display, index in enumerate(layout)
        ]
    elif qtype == QuestionType.MATCHING:
        rights = _right_options(payload)
        public["left"] = [
            {"id": index, "html": str(render_markdown(pair["left"]))}
            for index, pair in enumerate(payload["pairs"])
        ]
        public["right"] = [
            {"id": display, "html": str(render_markdown(rights[index]))}
            for display, index in enumerate(layout)
        ]
    return public


def to_payload_indices(
    *, qtype: str, payload: dict, seed: int, shuffle: bool, response: dict
) -> dict:
    """Map a response from displayed ids to the payload's indices. Ids out of
    range are passed through as invalid (-1) for the grader to refuse."""
    if not isinstance(response, dict):
        return response
    layout = _layout(qtype, payload, seed, shuffle)

    def original(display):
        if isinstance(display, bool) or not isinstance(display, int):
            return -1
        return layout[display] if 0 <= display < len(layout) else -1

    if qtype == QuestionType.SINGLE:
        return {"choice": original(response.get("choice"))}
    if qtype == QuestionType.MULTIPLE:
        picked = response.get("choices")
        return {"choices": [original(d) for d in picked] if isinstance(picked, list) else picked}
    if qtype == QuestionType.ORDERING:
        order = response.get("order")
        return {"order": [original(d) for d in order] if isinstance(order, list) else order}
    if qtype == QuestionType.MATCHING:
        pairs = response.get("pairs")
        if not isinstance(pairs, dict):
            return {"pairs": pairs}
        return {"pairs": {str(left): original(right) for left, right in pairs.items()}}
    return response


def solution(
    *, qtype: str, stem: str, payload: dict, general_feedback: str, seed: int, shuffle: bool
) -> dict:
    """The right answer in displayed ids, for when the drill's feedback rule allows it."""
    layout = _layout(qtype, payload, seed, shuffle)
    display_of = {index: display for display, index in enumerate(layout)}
    out: dict = {"general_feedback_html": str(render_markdown(general_feedback))}
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        out["correct"] = sorted(
            display_of[i] for i, c in enumerate(payload["choices"]) if c.get("fraction", 0) > 0
        )
    elif qtype == QuestionType.TRUE_FALSE:
        out["correct"] = payload["answer"]
    elif qtype == QuestionType.SHORT:
        out["correct"] = [
            a["text"] for a in payload["answers"] if a.get("fraction", 0) >= 1 and a["text"] != "*"
        ]
    elif qtype == QuestionType.NUMERIC:
        out["correct"] = [a["value"] for a in payload["answers"] if a.get("fraction", 0) >= 1]
        out["unit"] = payload.get("unit", "")
    elif qtype == QuestionType.ORDERING:
        out["correct"] = [display_of[i] for i in range(len(payload["items"]))]
    elif qtype == QuestionType.MATCHING:
        rights = _right_options(payload)
        out["correct"] = {
            str(left): display_of[rights.index(pair["right"])]
            for left, pair in enumerate(payload["pairs"])
        }
    elif qtype == QuestionType.RECALL:
        out["back_html"] = str(render_markdown(payload.get("back", "")))
    return out
