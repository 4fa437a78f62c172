import pytest

from quizzes.grading import ResponseInvalid, fsrs_rating, grade
from quizzes.presentation import present, solution, to_payload_indices

MULTI = {
    "choices": [
        {"text": "身份證", "fraction": 0.5},
        {"text": "戶口本", "fraction": 0.5},
        {"text": "駕照", "fraction": -1.0, "feedback": "駕照不能作為開戶證件。"},
    ]
}


@pytest.mark.parametrize(
    ("qtype", "payload", "response", "score"),
    [
        (
            "single",
            {"choices": [{"text": "a", "fraction": 1}, {"text": "b", "fraction": 0}]},
            {"choice": 0},
            1,
        ),
        (
            "single",
            {"choices": [{"text": "a", "fraction": 1}, {"text": "b", "fraction": 0.5}]},
            {"choice": 1},
            0.5,
        ),
        ("multiple", MULTI, {"choices": [0, 1]}, 1),
        ("multiple", MULTI, {"choices": [0]}, 0.5),
        ("multiple", MULTI, {"choices": [0, 1, 2]}, 0),
        ("true_false", {"answer": True}, {"answer": True}, 1),
        ("true_false", {"answer": True}, {"answer": False}, 0),
        ("short", {"answers": [{"text": "風險管理", "fraction": 1}]}, {"text": "风险管理"}, 1),
        ("short", {"answers": [{"text": "LPR", "fraction": 1}]}, {"text": "ｌｐｒ"}, 1),
        ("short", {"answers": [{"text": "LPR", "fraction": 1}]}, {"text": "  lpr "}, 1),
        (
            "short",
            {"answers": [{"text": "LPR", "fraction": 1}, {"text": "*", "fraction": 0.1}]},
            {"text": "x"},
            0.1,
        ),
        ("short", {"answers": [{"text": "LPR", "fraction": 1}]}, {"text": "SHIBOR"}, 0),
        (
            "numeric",
            {
                "answers": [
                    {"value": 3.45, "tolerance": 0.05, "tolerance_kind": "absolute", "fraction": 1}
                ]
            },
            {"value": "3.5"},
            1,
        ),
        (
            "numeric",
            {
                "answers": [
                    {"value": 1000, "tolerance": 5, "tolerance_kind": "percent", "fraction": 1}
                ]
            },
            {"value": "１,０４９"},
            1,
        ),
        (
            "numeric",
            {
                "answers": [
                    {"value": 1000, "tolerance": 5, "tolerance_kind": "percent", "fraction": 1}
                ]
            },
            {"value": 1051},
            0,
        ),
        ("ordering", {"items": ["a", "b", "c", "d"]}, {"order": [0, 1, 2, 3]}, 1),
        ("ordering", {"items": ["a", "b", "c", "d"]}, {"order": [0, 1, 3, 2]}, 0.5),
        (
            "matching",
            {
                "pairs": [{"left": "A", "right": "1"}, {"left": "B", "right": "2"}],
                "distractors": ["3"],
            },
            {"pairs": {"0": 0, "1": 1}},
            1,
        ),
        (
            "matching",
            {
                "pairs": [{"left": "A", "right": "1"}, {"left": "B", "right": "2"}],
                "distractors": ["3"],
            },
            {"pairs": {"0": 0, "1": 2}},
            0.5,
        ),
        ("recall", {"back": "x"}, {"rating": 3}, 1),
        ("recall", {"back": "x"}, {"rating": 1}, 0),
    ],
)
def test_scores(qtype, payload, response, score):
    assert grade(qtype, payload, response).score == pytest.approx(score)


@pytest.mark.parametrize(
    ("qtype", "payload", "response"),
    [
        ("single", {"choices": [{"text": "a", "fraction": 1}]}, {"choice": 5}),
        ("single", {"choices": [{"text": "a", "fraction": 1}]}, {"choice": True}),
        ("multiple", MULTI, {"choices": [0, 0]}),
        ("true_false", {"answer": True}, {"answer": "yes"}),
        ("short", {"answers": [{"text": "a", "fraction": 1}]}, {"text": ""}),
        ("numeric", {"answers": [{"value": 1, "fraction": 1}]}, {"value": "many"}),
        ("ordering", {"items": ["a", "b"]}, {"order": [0, 0]}),
        (
            "matching",
            {"pairs": [{"left": "A", "right": "1"}, {"left": "B", "right": "2"}]},
            {"pairs": {"0": 0}},
        ),
        ("recall", {"back": "x"}, {"rating": 7}),
        ("single", {"choices": []}, None),
    ],
)
def test_invalid_responses_are_refused_with_a_reason(qtype, payload, response):
    with pytest.raises(ResponseInvalid) as excinfo:
        grade(qtype, payload, response)
    assert excinfo.value.message


def test_feedback_of_chosen_answers():
    assert grade("multiple", MULTI, {"choices": [2]}).feedback == ["駕照不能作為開戶證件。"]


def test_fsrs_ratings():
    assert fsrs_rating("single", {}, 1.0) == 3
    assert fsrs_rating("single", {}, 0.5) == 2
    assert fsrs_rating("single", {}, 0.0) == 1
    assert fsrs_rating("recall", {"rating": 4}, 1.0) == 4


def test_presented_question_hides_answers_and_shuffles_with_opaque_ids():
    payload = {
        "choices": [
            {"text": f"選項{i}", "fraction": 1.0 if i == 0 else 0, "feedback": "秘密"}
            for i in range(6)
        ]
    }
    public = present(qtype="single", stem="問題", payload=payload, seed=42, shuffle=True)
    text = str(public)
    assert "fraction" not in text and "秘密" not in text
    assert [c["id"] for c in public["choices"]] == list(range(6))
    shown_first = public["choices"][0]["html"]
    # The displayed id maps back to the right payload index.
    for choice in public["choices"]:
        canonical = to_payload_indices(
            qtype="single",
            payload=payload,
            seed=42,
            shuffle=True,
            response={"choice": choice["id"]},
        )
        assert payload["choices"][canonical["choice"]]["text"] in choice["html"]
    # Seed 42 shows the authored fourth choice first (random.Random(42).shuffle of six).
    assert shown_first == "<p>選項3</p>"
    right = solution(
        qtype="single", stem="", payload=payload, general_feedback="", seed=42, shuffle=True
    )["correct"]
    assert "選項0" in public["choices"][right[0]]["html"]


def _shown(payload, seed, shuffle=True):
    public = present(qtype="single", stem="", payload=payload, seed=seed, shuffle=shuffle)
    return [choice["html"] for choice in public["choices"]]


def test_each_seed_keeps_its_order_and_two_seeds_differ():
    payload = {"choices": [{"text": f"選項{i}", "fraction": float(i == 0)} for i in range(6)]}
    authored = [f"<p>選項{i}</p>" for i in range(6)]
    # Stable: the same seed (one attempt's item, asked again) gives the same order.
    assert _shown(payload, 42) == _shown(payload, 42)
    # Two attempts with seeds 42 and 7 see different orders, neither the authored one.
    assert _shown(payload, 42) != _shown(payload, 7)
    assert authored not in (_shown(payload, 42), _shown(payload, 7))
    assert sorted(_shown(payload, 7)) == authored
    # Without shuffling every seed shows the authored order.
    assert _shown(payload, 42, shuffle=False) == _shown(payload, 7, shuffle=False) == authored


def test_ordering_is_never_shown_in_the_right_order():
    payload = {"items": ["一", "二"]}
    for seed in range(20):
        public = present(qtype="ordering", stem="排序", payload=payload, seed=seed, shuffle=False)
        assert [i["html"] for i in public["items"]] == ["<p>二</p>", "<p>一</p>"]


def test_stem_is_sanitised_markdown():
    public = present(
        qtype="true_false",
        stem="**利率**<script>x</script>",
        payload={"answer": True},
        seed=1,
        shuffle=False,
    )
    assert "<strong>利率</strong>" in public["stem_html"]
    assert "<script>" not in public["stem_html"]
