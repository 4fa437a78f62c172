import statistics
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.selectors.analysis import (
    DiscriminationMethod,
    discrimination_index,
    drill_analysis,
    flagged_questions,
    question_analysis,
)
from quizzes.services import question_update
from tests.factories import PersonFactory, drill_make, question_make

from .builders import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom(org):
    """Four strong people know the anchors and the good question but miss
    the bad one; four weak people get only the bad one right; nobody gets
    the hard one."""
    anchors = [question_make(stem=f"錨題{i}") for i in range(3)]
    good = question_make(stem="好題")
    bad = question_make(stem="壞題")
    hard = question_make(stem="難題")
    drill = drill_make([*anchors, good, bad, hard])
    for _ in range(4):
        take(
            drill, answers={**dict.fromkeys([*anchors, good], "right"), bad: "wrong", hard: "wrong"}
        )
    for _ in range(4):
        take(drill, answers={**dict.fromkeys([*anchors, good, hard], "wrong"), bad: "right"})
    return {"drill": drill, "anchors": anchors, "good": good, "bad": bad, "hard": hard}


class TestDiscriminationIndex:
    def test_correlation_from_five_attempts(self):
        pairs = [(1, 0.9), (1, 0.8), (0, 0.3), (0, 0.2), (1, 0.7)]
        index, method = discrimination_index(pairs)
        assert method == DiscriminationMethod.CORRELATION
        assert index == pytest.approx(statistics.correlation(*zip(*pairs, strict=True)))

    def test_upper_and_lower_groups_below_five_attempts(self):
        # 27% of 4 is one attempt in each group: the best rest got it, the worst did not.
        index, method = discrimination_index([(1, 0.9), (0, 0.6), (1, 0.5), (0, 0.1)])
        assert (index, method) == (1.0, DiscriminationMethod.GROUPS)

    def test_none_when_undefined(self):
        assert discrimination_index([(1, 0.5)]) == (None, None)
        assert discrimination_index([(1, 0.5), (0, 0.5)]) == (None, None)  # tied rest
        assert discrimination_index([(0, x / 10) for x in range(6)]) == (None, None)


class TestQuestionAnalysis:
    def test_strong_right_weak_wrong_discriminates_positively(self, classroom):
        analysis = question_analysis(classroom["good"])
        assert analysis.answers == 8 and analysis.attempts == 8
        assert analysis.facility == pytest.approx(0.5)
        assert analysis.discrimination_method == DiscriminationMethod.CORRELATION
        assert analysis.discrimination == pytest.approx(1.0)
        assert not analysis.flagged

    def test_weak_right_strong_wrong_is_flagged_negative(self, classroom):
        analysis = question_analysis(classroom["bad"])
        assert analysis.discrimination == pytest.approx(-1.0)
        assert analysis.negative_discrimination and not analysis.nobody_right

    def test_nobody_right(self, classroom):
        analysis = question_analysis(classroom["hard"])
        assert analysis.facility == 0
        assert analysis.discrimination is None  # no variance: no correlation
        assert analysis.nobody_right and not analysis.negative_discrimination

    def test_negative_index_on_few_answers_is_not_flagged(self, org):
        questions = [question_make(stem=f"題{i}") for i in range(3)]
        drill = drill_make(questions)
        take(drill, answers={questions[0]: "right", questions[1]: "right", questions[2]: "wrong"})
        take(drill, answers={questions[0]: "wrong", questions[1]: "wrong", questions[2]: "right"})
        analysis = question_analysis(questions[2])
        assert analysis.discrimination_method == DiscriminationMethod.GROUPS
        assert analysis.discrimination == pytest.approx(-1.0)
        assert not analysis.negative_discrimination

    def test_unanswered_question_has_no_statistics(self, org):
        question = question_make()
        analysis = question_analysis(question)
        assert (analysis.answers, analysis.facility, analysis.discrimination) == (0, None, None)
        assert not analysis.flagged

    def test_attempts_in_progress_do_not_count(self, org):
        from quizzes.services import attempt_start

        from .builders import respond

        question = question_make()
        drill = drill_make([question])
        person = PersonFactory()
        attempt = attempt_start(drill=drill, person=person)
        respond(attempt, person, question, "right")
        assert question_analysis(question).answers == 0

    def test_three_queries(self, classroom, django_assert_num_queries):
        with django_assert_num_queries(3):
            question_analysis(classroom["good"])

    def test_scoped_to_one_drill(self, org):
        question = question_make()
        first, second = drill_make([question]), drill_make([question], title="其他")
        take(first, answers={question: "right"})
        take(second, answers={question: "wrong"})
        assert question_analysis(question).answers == 2
        assert question_analysis(question, drill=second).facility == 0


class TestOptionFrequencies:
    def test_single_choice_counts_payload_choices_despite_shuffling(self, org):
        question = question_make()
        drill = drill_make([question], shuffle_choices=True)
        for picked in (0, 0, 1, 2):
            take(drill, answers={question: {"payload_choice": picked}})
        (table,) = question_analysis(question).options
        assert table.version == 1 and table.answers == 4
        assert [row.count for row in table.rows] == [2, 1, 1]
        assert [row.share for row in table.rows] == [0.5, 0.25, 0.25]
        assert [row.label for row in table.rows] == ["3.25%", "2.75%", "4.00%"]
        assert [row.credit for row in table.rows] == [1.0, 0.0, 0.0]

    def test_multiple_choice_shares_are_per_answer(self, org):
        payload = {
            "choices": [
                {"text": "存款", "fraction": 0.5},
                {"text": "理財", "fraction": 0.5},
                {"text": "彩票", "fraction": -0.5},
            ]
        }
        question = question_make(qtype="multiple", payload=payload)
        drill = drill_make([question])
        take(drill, answers={question: {"payload_choices": [0, 1]}})
        take(drill, answers={question: {"payload_choices": [0, 2]}})
        (table,) = question_analysis(question).options
        assert [(row.count, row.share) for row in table.rows] == [(2, 1.0), (1, 0.5), (1, 0.5)]

    def test_true_false(self, org):
        question = question_make(qtype="true_false", payload={"answer": True})
        drill = drill_make([question])
        for answer in (True, True, False):
            take(drill, answers={question: {"answer": answer}})
        (table,) = question_analysis(question).options
        assert [(row.count, row.credit) for row in table.rows] == [(2, 1.0), (1, 0.0)]

    def test_short_answers_are_folded_and_the_ten_most_frequent_kept(self, org):
        payload = {"answers": [{"text": "儲蓄存款", "fraction": 1.0}]}
        question = question_make(qtype="short", payload=payload)
        drill = drill_make([question])
        typed = ["儲蓄存款", "储蓄存款", "儲蓄存款 ", "儲蓄存款", "ＡＢＣ", "abc"]
        typed += [f"錯{i:02d}" for i in range(12)]
        for text in typed:
            take(drill, answers={question: {"text": text}})
        (table,) = question_analysis(question).options
        assert table.version is None and table.answers == len(typed)
        assert len(table.rows) == 10
        # Script, width, case and spaces are folded; the commonest spelling names the group.
        first, second = table.rows[:2]
        assert (first.label, first.count, first.credit) == ("儲蓄存款", 4, 1.0)
        assert (second.count, second.credit) == (2, 0.0)
        assert second.label in ("ＡＢＣ", "abc")
        assert first.share == pytest.approx(4 / len(typed))

    def test_numeric_answers_group_by_number(self, org):
        payload = {"answers": [{"value": 1000, "tolerance": 0, "fraction": 1.0}], "unit": "元"}
        question = question_make(qtype="numeric", payload=payload)
        drill = drill_make([question])
        for value in ("1,000", "1000元", "１０００", "999"):
            take(drill, answers={question: {"value": value}})
        (table,) = question_analysis(question).options
        assert [(row.label, row.count, row.credit) for row in table.rows] == [
            ("1000", 3, 1.0),
            ("999", 1, 0.0),
        ]


def test_version_history_after_editing_an_answered_question(org, trainer):
    question = question_make()
    drill = drill_make([question])
    take(drill, answers={question: "right"})
    take(drill, answers={question: {"payload_choice": 1}})
    new_payload = {"choices": [{"text": "3.5%", "fraction": 1.0}, {"text": "2%", "fraction": 0.0}]}
    question_update(question=question, stem="新題幹", payload=new_payload, user=trainer.user)
    take(drill, answers={question: {"payload_choice": 1}})

    analysis = question_analysis(question)
    assert [(v.number, v.answers, v.stem) for v in analysis.history] == [
        (2, 1, "新題幹"),
        (1, 2, "一年期定存利率是多少？"),
    ]
    assert analysis.history[0].created_by == trainer.user
    assert analysis.history[0].created_at is not None
    new, old = analysis.options
    assert (new.version, [r.count for r in new.rows]) == (2, [0, 1])
    assert (old.version, [r.count for r in old.rows]) == (1, [1, 1, 0])


class TestDrillAnalysis:
    def test_every_question_in_drill_order(self, classroom):
        analyses = drill_analysis(classroom["drill"])
        order = [*classroom["anchors"], classroom["good"], classroom["bad"], classroom["hard"]]
        assert [a.question for a in analyses] == order
        by_question = {a.question: a for a in analyses}
        assert by_question[classroom["good"]].discrimination == pytest.approx(1.0)
        assert by_question[classroom["bad"]].negative_discrimination
        assert by_question[classroom["hard"]].nobody_right

    def test_agrees_with_question_analysis(self, classroom):
        from_drill = {a.question: a for a in drill_analysis(classroom["drill"])}
        for key in ("good", "bad", "hard"):
            single = question_analysis(classroom[key])
            assert from_drill[classroom[key]] == single

    def test_leaves_out_territory_questions(self, org):
        person = PersonFactory(unit=org["pudong_team"])
        shared = question_make()
        own = question_make(stem="你的客戶數？", owner_person=person)
        drill = drill_make([shared, own])
        take(drill, person, answers={shared: "right", own: "right"})
        assert [a.question for a in drill_analysis(drill)] == [shared]

    @staticmethod
    def _drill_with(count: int):
        questions = [question_make(stem=f"題{i}") for i in range(count)]
        drill = drill_make(questions)
        for strong in (True, False, True):
            take(drill, answers={q: "right" if strong else "wrong" for q in questions})
        return drill

    def test_query_count_does_not_grow(self, org, django_assert_max_num_queries):
        counts = []
        for size in (3, 20):
            drill = self._drill_with(size)
            with django_assert_max_num_queries(4):
                with CaptureQueriesContext(connection) as queries:
                    analyses = drill_analysis(drill)
            assert len(analyses) == size
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestFlaggedQuestions:
    def test_flags_negative_and_nobody_right_across_the_bank(self, classroom):
        flagged = flagged_questions()
        assert {a.question for a in flagged} == {classroom["bad"], classroom["hard"]}
        bad = next(a for a in flagged if a.question == classroom["bad"])
        assert bad.discrimination == pytest.approx(-1.0)
        assert bad.negative_discrimination and bad.answers == 8
        assert bad.facility == pytest.approx(0.5)

    def test_agrees_with_question_analysis(self, classroom):
        for overview in flagged_questions():
            single = question_analysis(overview.question)
            if single.discrimination is None:
                assert overview.discrimination is None
            else:
                assert overview.discrimination == pytest.approx(single.discrimination)
            assert overview.facility == pytest.approx(single.facility)
            assert (overview.answers, overview.attempts) == (single.answers, single.attempts)
            assert overview.nobody_right == single.nobody_right

    def test_only_the_last_ninety_days(self, org):
        question = question_make()
        drill = drill_make([question])
        take(drill, answers={question: "wrong"}, now=timezone.now() - timedelta(days=100))
        assert flagged_questions() == []
        assert [a.question for a in flagged_questions(days=120)] == [question]

    def test_limit_and_territory_questions(self, org):
        person = PersonFactory(unit=org["pudong_team"])
        shared = [question_make(stem=f"題{i}") for i in range(3)]
        own = question_make(stem="你的客戶數？", owner_person=person)
        drill = drill_make([*shared, own])
        take(drill, person, answers=dict.fromkeys([*shared, own], "wrong"))
        assert len(flagged_questions()) == 3
        assert len(flagged_questions(limit=2)) == 2

    def test_bounded_queries(self, classroom, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):
            flagged_questions()
