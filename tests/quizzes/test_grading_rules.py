"""Grading rules at their edges: defaults of the payload, limits, ties, feedback.

Written against the mutants `make mutation` found alive in quizzes/grading.py:
each test here fails for a change of the rule it names."""

import pytest

from quizzes.grading import ResponseInvalid, _clamp, fsrs_rating, grade, numeric_matches


def test_the_feedback_of_what_was_chosen_comes_back():
    single = {"choices": [{"text": "甲", "fraction": 1, "feedback": "對"}, {"text": "乙"}]}
    assert grade("single", single, {"choice": 0}).feedback == ["對"]
    multiple = {
        "choices": [
            {"text": "甲", "fraction": 0.5, "feedback": "一半"},
            {"text": "乙", "fraction": 0.5, "feedback": "另一半"},
        ]
    }
    assert grade("multiple", multiple, {"choices": [1, 0]}).feedback == ["另一半", "一半"]
    true_false = {"answer": True, "feedback_true": "是真的", "feedback_false": "不對"}
    assert grade("true_false", true_false, {"answer": True}).feedback == ["是真的"]
    assert grade("true_false", true_false, {"answer": False}).feedback == ["不對"]
    short = {"answers": [{"text": "LPR", "fraction": 1, "feedback": "貸款市場報價利率"}]}
    assert grade("short", short, {"text": "lpr"}).feedback == ["貸款市場報價利率"]
    numeric = {"answers": [{"value": 3.25, "fraction": 1, "feedback": "定存利率"}]}
    assert grade("numeric", numeric, {"value": "3.25"}).feedback == ["定存利率"]


def test_a_choice_without_a_fraction_or_feedback_is_worth_nothing_and_says_nothing():
    single = {"choices": [{"text": "甲", "fraction": 1}, {"text": "乙"}]}
    assert grade("single", single, {"choice": 1}).score == 0.0
    assert grade("single", single, {"choice": 1}).feedback == []
    multiple = {"choices": [{"text": "甲", "fraction": 1}, {"text": "乙"}]}
    assert grade("multiple", multiple, {"choices": [0, 1]}).score == 1.0
    assert grade("multiple", multiple, {"choices": [1]}).score == 0.0
    assert grade("multiple", multiple, {"choices": [0, 1]}).feedback == []
    assert (
        grade("short", {"answers": [{"text": "甲", "fraction": 1}]}, {"text": "甲"}).feedback == []
    )
    assert (
        grade("numeric", {"answers": [{"value": 1, "fraction": 1}]}, {"value": "1"}).feedback == []
    )
    assert grade("true_false", {"answer": False}, {"answer": False}).feedback == []


def test_short_and_numeric_answers_without_a_fraction_are_worth_nothing():
    assert grade("short", {"answers": [{"text": "甲"}]}, {"text": "甲"}).score == 0.0
    assert grade("numeric", {"answers": [{"value": 1}]}, {"value": "1"}).score == 0.0


@pytest.mark.parametrize("qtype", ["short", "numeric"])
def test_the_best_matching_answer_counts_whatever_its_place(qtype):
    if qtype == "short":
        answers = [
            {"text": "*", "fraction": 0.2, "feedback": "任何答案"},
            {"text": "存款", "fraction": 1, "feedback": "完全正確"},
            {"text": "存款", "fraction": 0.5, "feedback": "重複"},
        ]
        response = {"text": "存款"}
    else:
        answers = [
            {"value": 10, "tolerance": 5, "fraction": 0.2, "feedback": "接近"},
            {"value": 10, "fraction": 1, "feedback": "完全正確"},
            {"value": 10, "fraction": 0.5, "feedback": "重複"},
        ]
        response = {"value": "10"}
    result = grade(qtype, {"answers": answers}, response)
    assert (result.score, result.feedback) == (1.0, ["完全正確"])
    # With a tie, the first of the best answers is kept.
    tie = [dict(answers[1], feedback="先"), dict(answers[1], feedback="後")]
    assert grade(qtype, {"answers": tie}, response).feedback == ["先"]
    # An answer with no fraction after one with a fraction does not replace it.
    later = [answers[1], {k: v for k, v in answers[2].items() if k != "fraction"}]
    assert grade(qtype, {"answers": later}, response).feedback == ["完全正確"]
    first_without = [{k: v for k, v in answers[2].items() if k != "fraction"}, answers[1]]
    assert grade(qtype, {"answers": first_without}, response).score == 1.0
    # Nor does it replace one worth half.
    half_then_without = [answers[2], {k: v for k, v in answers[1].items() if k != "fraction"}]
    assert grade(qtype, {"answers": half_then_without}, response).score == 0.5


def test_short_answers_up_to_500_characters():
    payload = {"answers": [{"text": "字" * 500, "fraction": 1}]}
    assert grade("short", payload, {"text": "字" * 500}).score == 1.0
    with pytest.raises(ResponseInvalid) as refused:
        grade("short", payload, {"text": "字" * 501})
    assert "500" in refused.value.message and str(refused.value) == refused.value.message


def test_short_answers_ignore_case_unless_the_question_says_not_to():
    payload = {"answers": [{"text": "LPR", "fraction": 1}]}
    assert grade("short", payload, {"text": "lpr"}).score == 1.0
    strict = {"case_sensitive": True, "answers": [{"text": "LPR", "fraction": 1}]}
    assert grade("short", strict, {"text": "lpr"}).score == 0.0
    assert grade("short", strict, {"text": "LPR"}).score == 1.0
    lower = {"case_sensitive": True, "answers": [{"text": "lpr", "fraction": 1}]}
    assert grade("short", lower, {"text": "LPR"}).score == 0.0


def test_numeric_tolerance_edges():
    exact = {"value": 100}
    assert numeric_matches(exact, 100) and not numeric_matches(exact, 100.5)
    assert numeric_matches({"value": 100, "tolerance": None}, 100)
    assert not numeric_matches({"value": 100, "tolerance": None}, 100.5)
    absolute = {"value": 100, "tolerance": 2}
    assert numeric_matches(absolute, 102) and numeric_matches(absolute, 98)
    assert not numeric_matches(absolute, 102.01)
    percent = {"value": 200, "tolerance": 1, "tolerance_kind": "percent"}  # 1 % of 200 is 2
    assert numeric_matches(percent, 202) and numeric_matches(percent, 198)
    assert not numeric_matches(percent, 202.01)
    big = {"value": 10000, "tolerance": 1, "tolerance_kind": "percent"}  # 100
    assert numeric_matches(big, 10100) and not numeric_matches(big, 10100.5)
    negative = {"value": -50, "tolerance": -1}  # a negative tolerance counts as its size
    assert numeric_matches(negative, -49) and not numeric_matches(negative, -48.9)


def test_choices_are_offered_indices_only():
    single = {"choices": [{"text": "甲", "fraction": 1}, {"text": "乙"}]}
    for bad in (True, 2, -1, "0", None, 1.0):
        with pytest.raises(ResponseInvalid):
            grade("single", single, {"choice": bad})
    assert grade("single", single, {"choice": 1}).score == 0.0


def test_scores_are_clamped_to_zero_and_one():
    assert _clamp(1.5) == 1.0 and _clamp(-0.5) == 0.0 and _clamp(0.25) == 0.25
    multiple = {"choices": [{"text": "甲", "fraction": 1}, {"text": "乙", "fraction": 1}]}
    assert grade("multiple", multiple, {"choices": [0, 1]}).score == 1.0


def test_matching_takes_string_or_integer_keys_and_wants_every_item():
    payload = {"pairs": [{"left": "甲", "right": "一"}, {"left": "乙", "right": "二"}]}
    assert grade("matching", payload, {"pairs": {"0": 0, "1": 1}}).score == 1.0
    assert grade("matching", payload, {"pairs": {0: 0, 1: 1}}).score == 1.0
    assert grade("matching", payload, {"pairs": {"0": 1, 1: 0}}).score == 0.0
    for given in ({"0": 0}, {}, [0, 1]):
        with pytest.raises(ResponseInvalid) as refused:
            grade("matching", payload, {"pairs": given})
        assert refused.value.message


def test_only_a_full_score_is_a_good_rating():
    assert fsrs_rating("single", {}, 1.0) == 3
    assert fsrs_rating("single", {}, 0.999) == 3
    assert fsrs_rating("single", {}, 0.998) == 2
    assert fsrs_rating("single", {}, 0.5) == 2
    assert fsrs_rating("single", {}, 0.49) == 1
