"""What a browser may see of a question, in the order it sees it.

A question goes out without fractions, feedback or answers. Choices, items
and matching options are shuffled by a seed kept on the attempt, and go out
with ids that are their displayed positions, so an id says nothing about the
author's order (authors often put the right answer first). Responses come
back in displayed ids and are mapped to the payload's own indices here,
before grading.
"""

import functools
import json
import random
import re

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from markup.rendering import MarkdownRenderer, render_markdown, rendering_inputs

from .grading import ResponseInvalid, grade
from .question_types import QuestionType


def item_seed(attempt_seed: int, position: int) -> int:
    return attempt_seed * 1009 + position


PERMUTATIONS_KEPT = 8192


def _permutation(length: int, seed: int, shuffle: bool) -> list[int]:
    """permutation[display position] = index in the payload."""
    return list(_shuffled(length, seed) if shuffle else range(length))


@functools.lru_cache(maxsize=PERMUTATIONS_KEPT)
def _shuffled(length: int, seed: int) -> tuple[int, ...]:
    # Kept: an answer's save shuffles its question's choices twice (to grade
    # the answer, then to show the right one), and seeding a generator was a
    # tenth of the save.
    order = list(range(length))
    random.Random(seed).shuffle(order)
    return tuple(order)


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


def present(
    *, qtype: str, stem: str, payload: dict, seed: int, shuffle: bool, render=render_markdown
) -> dict:
    """The question as a client may see it before answering. `render`: a
    markdown_renderer for many questions at once."""
    layout = _layout(qtype, payload, seed, shuffle)
    public: dict = {"type": qtype, "stem_html": str(render(stem))}
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        choices = payload["choices"]
        public["choices"] = [
            {"id": display, "html": str(render(choices[index]["text"]))}
            for display, index in enumerate(layout)
        ]
    elif qtype == QuestionType.NUMERIC:
        public["unit"] = payload.get("unit", "")
    elif qtype == QuestionType.ORDERING:
        items = payload["items"]
        public["items"] = [
            {"id": display, "html": str(render(items[index]))}
            for display, index in enumerate(layout)
        ]
    elif qtype == QuestionType.MATCHING:
        rights = _right_options(payload)
        public["left"] = [
            {"id": index, "html": str(render(pair["left"]))}
            for index, pair in enumerate(payload["pairs"])
        ]
        public["right"] = [
            {"id": display, "html": str(render(rights[index]))}
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
    *,
    qtype: str,
    stem: str,
    payload: dict,
    general_feedback: str,
    seed: int,
    shuffle: bool,
    render=render_markdown,
) -> dict:
    """The right answer in displayed ids, for when the drill's feedback rule
    allows it. `render`: a markdown_renderer for many questions at once."""
    layout = _layout(qtype, payload, seed, shuffle)
    display_of = {index: display for display, index in enumerate(layout)}
    out: dict = {"general_feedback_html": str(render(general_feedback))}
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
        out["back_html"] = str(render(payload.get("back", "")))
    # The right answer in words, in the page's language, for every type.
    inputs = render.inputs if isinstance(render, MarkdownRenderer) else None
    out["correct_html"] = str(correct_html(qtype=qtype, payload=payload, inputs=inputs))
    return out


# The right answers kept in words: a branch's drills hold a few thousand questions.
CORRECT_HTML_KEPT = 4096

# What the answers say, in words. Item texts are Markdown: a text that renders
# to one paragraph is shown without it, so it fits in a list or beside an arrow.
_ONE_PARAGRAPH = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\Z", re.DOTALL)


def _inline(text) -> SafeString:
    html = str(render_markdown(str(text))).strip()
    match = _ONE_PARAGRAPH.match(html)
    return mark_safe(match.group(1) if match else html)  # sanitised by render_markdown


def _bullets(htmls, *, ordered: bool = False) -> SafeString:
    tag = "ol" if ordered else "ul"
    items = format_html_join("", "<li>{}</li>", ((html,) for html in htmls))
    return format_html('<{} class="answer-list">{}</{}>', mark_safe(tag), items, mark_safe(tag))


def _true_false(value: bool) -> SafeString:
    return format_html("<p>{}</p>", _("True") if value else _("False"))


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _pair(left, right) -> SafeString:
    return format_html("{} → {}", _inline(left), _inline(right))


def correct_html(*, qtype: str, payload: dict, inputs: tuple | None = None) -> SafeString:
    """The right answer as a trainee reads it: the texts of the right choices,
    True or False in the page's language, the items in their right order, the
    right pairs, the accepted answers or numbers, the back of a recall card.
    `inputs`: rendering_inputs() when the caller has them (a MarkdownRenderer's)."""
    # Shown with every answer of a drill with immediate feedback (a tenth of
    # a save's CPU), so kept per content: a fact sheet's correction rewrites a
    # version's payload in place, so the version's id would not do as a key.
    content = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return _correct_html_kept(qtype, content, inputs if inputs is not None else rendering_inputs())


@functools.lru_cache(maxsize=CORRECT_HTML_KEPT)
def _correct_html_kept(qtype: str, content: str, _inputs: tuple) -> SafeString:
    return _correct_html(qtype=qtype, payload=json.loads(content))


def _correct_html(*, qtype: str, payload: dict) -> SafeString:
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return _bullets(_inline(c["text"]) for c in payload["choices"] if c.get("fraction", 0) > 0)
    if qtype == QuestionType.TRUE_FALSE:
        return _true_false(payload["answer"])
    if qtype == QuestionType.SHORT:
        return _bullets(
            escape(a["text"])
            for a in payload["answers"]
            if a.get("fraction", 0) >= 1 and a["text"] != "*"
        )
    if qtype == QuestionType.NUMERIC:
        unit = payload.get("unit", "")
        lines = []
        for answer in payload["answers"]:
            if answer.get("fraction", 0) < 1:
                continue
            text = _number(answer["value"])
            tolerance = answer.get("tolerance") or 0
            if tolerance:
                percent = "%" if answer.get("tolerance_kind") == "percent" else ""
                text = f"{text} ± {_number(tolerance)}{percent}"
            lines.append(escape(f"{text} {unit}".strip()))
        return _bullets(lines)
    if qtype == QuestionType.ORDERING:
        return _bullets((_inline(item) for item in payload["items"]), ordered=True)
    if qtype == QuestionType.MATCHING:
        return _bullets(_pair(pair["left"], pair["right"]) for pair in payload["pairs"])
    if qtype == QuestionType.RECALL:
        return render_markdown(payload.get("back", ""))
    return mark_safe("")


def _rating(rating) -> str:
    return {1: _("Again"), 2: _("Hard"), 3: _("Good"), 4: _("Easy")}.get(rating, "")


def response_html(*, qtype: str, payload: dict, seed: int, shuffle: bool, response) -> SafeString:
    """What the trainee answered, in the same words as the right answer. The
    response is in displayed ids, as it was saved."""
    if not isinstance(response, dict):
        return mark_safe("")
    canonical = to_payload_indices(
        qtype=qtype, payload=payload, seed=seed, shuffle=shuffle, response=response
    )

    def at(texts, index):
        return _inline(texts[index]) if isinstance(index, int) and 0 <= index < len(texts) else ""

    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        texts = [c["text"] for c in payload["choices"]]
        picked = (
            [canonical.get("choice")]
            if qtype == QuestionType.SINGLE
            else sorted(i for i in canonical.get("choices") or [] if isinstance(i, int))
        )
        return _bullets(at(texts, index) for index in picked)
    if qtype == QuestionType.TRUE_FALSE:
        answer = response.get("answer")
        return _true_false(answer) if isinstance(answer, bool) else mark_safe("")
    if qtype == QuestionType.SHORT:
        return format_html("<p>{}</p>", response.get("text", ""))
    if qtype == QuestionType.NUMERIC:
        value = response.get("value", "")
        return format_html("<p>{}</p>", f"{_number(value)} {payload.get('unit', '')}".strip())
    if qtype == QuestionType.ORDERING:
        return _bullets(
            (at(payload["items"], i) for i in canonical.get("order") or []), ordered=True
        )
    if qtype == QuestionType.MATCHING:
        rights = _right_options(payload)
        given = canonical.get("pairs") or {}
        return _bullets(
            format_html("{} → {}", _inline(pair["left"]), at(rights, given.get(str(left))))
            for left, pair in enumerate(payload["pairs"])
        )
    if qtype == QuestionType.RECALL:
        return format_html("<p>{}</p>", _rating(response.get("rating")))
    return mark_safe("")


def answer_feedback(*, qtype: str, payload: dict, seed: int, shuffle: bool, response) -> list[str]:
    """The author's feedback on what was answered (the chosen choice's, the
    true or false one, the matched answer's), as HTML."""
    canonical = to_payload_indices(
        qtype=qtype, payload=payload, seed=seed, shuffle=shuffle, response=response
    )
    try:
        texts = grade(qtype, payload, canonical).feedback
    except (ResponseInvalid, KeyError, TypeError):
        return []
    return [str(render_markdown(text)) for text in texts]


def item_review(
    *,
    qtype: str,
    stem: str,
    payload: dict,
    general_feedback: str,
    seed: int,
    shuffle: bool,
    response,
    score: float | None,
) -> dict:
    """One answered question on the result page: how it went, the trainee's
    own answer, the right answer and the feedback, all as HTML."""
    score = score or 0.0
    return {
        "score": score,
        "correct": score >= 0.999,
        "answer_html": response_html(
            qtype=qtype, payload=payload, seed=seed, shuffle=shuffle, response=response
        ),
        "correct_html": correct_html(qtype=qtype, payload=payload),
        "feedback_html": [
            mark_safe(html)  # rendered and sanitised by render_markdown
            for html in answer_feedback(
                qtype=qtype, payload=payload, seed=seed, shuffle=shuffle, response=response
            )
        ],
        "general_feedback_html": render_markdown(general_feedback),
    }
