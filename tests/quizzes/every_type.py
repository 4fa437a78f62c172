"""A drill with one question of every type, and answers to it, right or
wrong, in displayed ids: for the result page's tests, server and browser."""

from quizzes.presentation import _layout, item_seed
from quizzes.question_types import QuestionType
from quizzes.services import answer_save, item_reveal
from tests.factories import drill_make, question_make

PAYLOADS = {
    QuestionType.SINGLE: {
        "choices": [
            {"text": "3.25%", "fraction": 1.0, "feedback": "一年期定存利率。"},
            {"text": "2.75%", "fraction": 0.0, "feedback": "這是活期利率。"},
            {"text": "4.00%", "fraction": 0.0},
        ]
    },
    QuestionType.MULTIPLE: {
        "choices": [
            {"text": "身分證", "fraction": 0.5},
            {"text": "戶口名簿", "fraction": 0.0, "feedback": "戶口名簿不需要。"},
            {"text": "印章", "fraction": 0.5},
        ]
    },
    QuestionType.TRUE_FALSE: {
        "answer": False,
        "feedback_true": "再想想：通知存款要提前通知。",
        "feedback_false": "對。",
    },
    QuestionType.SHORT: {"answers": [{"text": "LPR", "fraction": 1.0}]},
    QuestionType.NUMERIC: {
        "answers": [{"value": 20.0, "tolerance": 0, "tolerance_kind": "absolute", "fraction": 1}],
        "unit": "萬元",
    },
    QuestionType.ORDERING: {"items": ["開戶", "徵信", "審批", "放款", "貸後"]},
    QuestionType.MATCHING: {
        "pairs": [{"left": "活期", "right": "0.35%"}, {"left": "一年定存", "right": "1.75%"}],
        "distractors": ["9.99%"],
    },
    QuestionType.RECALL: {"back": "貸前、貸時、貸後三查"},
}

STEMS = {qtype: f"{qtype.value}題幹" for qtype in QuestionType}

# Wrong answers by the payload's own indices (mapped to displayed ids below).
WRONG = {
    QuestionType.SINGLE: {"choice": 1},
    QuestionType.MULTIPLE: {"choices": [1, 2]},
    QuestionType.TRUE_FALSE: {"answer": True},
    QuestionType.SHORT: {"text": "定存"},
    QuestionType.NUMERIC: {"value": "15"},
    QuestionType.ORDERING: {"order": [1, 0, 2, 4, 3]},
    QuestionType.MATCHING: {"pairs": {"0": 2, "1": 1}},
    QuestionType.RECALL: {"rating": 1},
}


def every_type_drill(**kwargs):
    questions = [
        question_make(
            qtype=qtype,
            payload=PAYLOADS[qtype],
            stem=STEMS[qtype],
            general_feedback=f"{qtype.value}的說明",
        )
        for qtype in QuestionType
    ]
    return drill_make(questions, **kwargs)


def displayed(qtype, payload, seed, shuffle, response):
    """`response` (in the payload's indices) in displayed ids."""
    layout = _layout(qtype, payload, seed, shuffle)
    show = layout.index
    if qtype == QuestionType.SINGLE:
        return {"choice": show(response["choice"])}
    if qtype == QuestionType.MULTIPLE:
        return {"choices": [show(i) for i in response["choices"]]}
    if qtype == QuestionType.ORDERING:
        return {"order": [show(i) for i in response["order"]]}
    if qtype == QuestionType.MATCHING:
        return {"pairs": {left: show(right) for left, right in response["pairs"].items()}}
    return response


def answer_wrong(attempt, person, positions=None):
    """Answer every question (or those at `positions`) of the attempt wrongly."""
    shuffle = attempt.drill.shuffle_choices if attempt.drill else True
    for item in attempt.items.select_related("question", "version").order_by("position"):
        if positions is not None and item.position not in positions:
            continue
        qtype = QuestionType(item.question.qtype)
        if qtype == QuestionType.RECALL:  # a card is rated only once its answer was shown
            item_reveal(attempt_id=attempt.pk, position=item.position, user=person.user)
        answer_save(
            attempt_id=attempt.pk,
            position=item.position,
            user=person.user,
            response=displayed(
                qtype,
                item.version.payload,
                item_seed(attempt.seed, item.position),
                shuffle,
                WRONG[qtype],
            ),
        )
