"""Feedback that teaches: for every question type the right answer, and the
trainee's own answer, are said in words in the page's language (the texts
of the items in their right order, True or False, the right pairs), both in
what the API returns after an answer and on the result page."""

import json

import pytest
from django.utils import translation

from quizzes.models import Attempt
from quizzes.presentation import answer_feedback, response_html, solution
from quizzes.question_types import QuestionType
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db

SEED = 12345

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
            {"text": "戶口名簿", "fraction": 0.0, "feedback": "不需要。"},
            {"text": "印章", "fraction": 0.5},
        ]
    },
    QuestionType.TRUE_FALSE: {
        "answer": False,
        "feedback_true": "再想想。",
        "feedback_false": "對。",
    },
    QuestionType.SHORT: {
        "answers": [{"text": "LPR", "fraction": 1.0}, {"text": "*", "fraction": 0}]
    },
    QuestionType.NUMERIC: {
        "answers": [{"value": 20.0, "tolerance": 0.5, "tolerance_kind": "absolute", "fraction": 1}],
        "unit": "萬元",
    },
    QuestionType.ORDERING: {"items": ["開戶", "徵信", "審批", "放款", "貸後"]},
    QuestionType.MATCHING: {
        "pairs": [{"left": "活期", "right": "0.35%"}, {"left": "一年定存", "right": "1.75%"}],
        "distractors": ["9.99%"],
    },
    QuestionType.RECALL: {"back": "**三查**：貸前、貸時、貸後"},
}


def right_html(qtype, *, shuffle=True):
    return solution(
        qtype=qtype,
        stem="",
        payload=PAYLOADS[qtype],
        general_feedback="",
        seed=SEED,
        shuffle=shuffle,
    )["correct_html"]


def test_every_type_says_its_right_answer_in_words():
    with translation.override("en"):
        html = {qtype: right_html(qtype) for qtype in QuestionType}
    assert html[QuestionType.SINGLE] == '<ul class="answer-list"><li>3.25%</li></ul>'
    assert (
        html[QuestionType.MULTIPLE] == '<ul class="answer-list"><li>身分證</li><li>印章</li></ul>'
    )
    assert html[QuestionType.TRUE_FALSE] == "<p>False</p>"
    assert html[QuestionType.SHORT] == '<ul class="answer-list"><li>LPR</li></ul>'
    assert html[QuestionType.NUMERIC] == '<ul class="answer-list"><li>20 ± 0.5 萬元</li></ul>'
    assert html[QuestionType.ORDERING] == (
        '<ol class="answer-list"><li>開戶</li><li>徵信</li><li>審批</li><li>放款</li><li>貸後</li></ol>'
    )
    assert html[QuestionType.MATCHING] == (
        '<ul class="answer-list"><li>活期 → 0.35%</li><li>一年定存 → 1.75%</li></ul>'
    )
    assert html[QuestionType.RECALL] == "<p><strong>三查</strong>：貸前、貸時、貸後</p>"


def test_ordering_is_said_by_the_items_texts_not_their_displayed_ids():
    html = right_html(QuestionType.ORDERING)
    assert "、" not in html and "0" not in html
    assert html.index("開戶") < html.index("徵信") < html.index("審批") < html.index("貸後")


@pytest.mark.parametrize(("language", "word"), [("en", "True"), ("zh-hant", "對")])
def test_true_or_false_in_the_page_language(language, word):
    payload = {"answer": True}
    with translation.override(language):
        html = solution(
            qtype="true_false", stem="", payload=payload, general_feedback="", seed=1, shuffle=True
        )["correct_html"]
    assert html == f"<p>{word}</p>"
    assert "true" not in html


def test_item_texts_are_escaped_markdown():
    payload = {"items": ["<script>x</script>", "**粗體**"]}
    html = solution(
        qtype="ordering", stem="", payload=payload, general_feedback="", seed=1, shuffle=True
    )["correct_html"]
    assert "<script>" not in html
    assert "<li><strong>粗體</strong></li>" in html


def displayed(qtype, index):
    """The displayed id of the payload's `index` under SEED."""
    from quizzes.presentation import _layout

    return _layout(qtype, PAYLOADS[qtype], SEED, True).index(index)


def own(qtype, response):
    with translation.override("en"):
        return response_html(
            qtype=qtype, payload=PAYLOADS[qtype], seed=SEED, shuffle=True, response=response
        )


def test_the_trainees_own_answer_in_words():
    assert own("single", {"choice": displayed("single", 1)}) == (
        '<ul class="answer-list"><li>2.75%</li></ul>'
    )
    assert own("multiple", {"choices": [displayed("multiple", 2), displayed("multiple", 1)]}) == (
        '<ul class="answer-list"><li>戶口名簿</li><li>印章</li></ul>'
    )
    assert own("true_false", {"answer": True}) == "<p>True</p>"
    assert own("short", {"text": "<b>lpr</b>"}) == "<p>&lt;b&gt;lpr&lt;/b&gt;</p>"
    assert own("numeric", {"value": "19"}) == "<p>19 萬元</p>"
    order = [displayed("ordering", i) for i in (1, 0, 2, 4, 3)]
    assert own("ordering", {"order": order}) == (
        '<ol class="answer-list"><li>徵信</li><li>開戶</li><li>審批</li><li>貸後</li><li>放款</li></ol>'
    )
    pairs = {"0": displayed("matching", 2), "1": displayed("matching", 1)}
    assert own("matching", {"pairs": pairs}) == (
        '<ul class="answer-list"><li>活期 → 9.99%</li><li>一年定存 → 1.75%</li></ul>'
    )
    assert own("recall", {"rating": 2}) == "<p>Hard</p>"


def test_the_authors_feedback_on_what_was_answered():
    def feedback(qtype, response):
        return answer_feedback(
            qtype=qtype, payload=PAYLOADS[qtype], seed=SEED, shuffle=True, response=response
        )

    assert feedback("single", {"choice": displayed("single", 1)}) == ["<p>這是活期利率。</p>"]
    assert feedback("true_false", {"answer": True}) == ["<p>再想想。</p>"]
    assert feedback("ordering", {"order": "not a list"}) == []


@pytest.mark.parametrize("qtype", [QuestionType.ORDERING, QuestionType.TRUE_FALSE, "matching"])
def test_the_api_returns_the_right_answer_in_words_after_a_wrong_answer(client, trainee, qtype):
    """What the phone page shows after an answer (drill.js renders `correct_html`)."""
    question = question_make(qtype=qtype, payload=PAYLOADS[qtype], stem="題")
    drill = drill_make([question])
    client.force_login(trainee.user)
    data = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    attempt = Attempt.objects.get(pk=data["id"])
    wrong = {
        QuestionType.ORDERING: {"order": list(range(5))},
        QuestionType.TRUE_FALSE: {"answer": True},
        "matching": {"pairs": {"0": 0, "1": 0}},
    }[qtype]
    result = client.post(
        f"/api/quizzes/attempts/{attempt.pk}/answers",
        data=json.dumps({"position": 0, "response": wrong}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()["result"]
    with translation.override("en"):
        assert result["solution"]["correct_html"] == right_html(qtype)
