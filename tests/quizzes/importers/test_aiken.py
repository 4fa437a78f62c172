import pytest
from django.utils import translation

from markup.rendering import render_markdown
from quizzes.importers import ImportRefused
from quizzes.importers.aiken import parse_aiken, read_aiken


def choices(texts, right):
    return {
        "choices": [
            {"text": text, "fraction": 1.0 if index == right else 0.0, "feedback": ""}
            for index, text in enumerate(texts)
        ]
    }


class TestMoodleFiles:
    def test_both_questions_import(self, moodle_file):
        first, second = parse_aiken(moodle_file("aiken-questions.txt"))
        assert (first.line, first.qtype, first.name, first.stem) == (
            1,
            "single",
            "The Moodle project was started by:",
            "The Moodle project was started by:",
        )
        assert first.payload == choices(
            ["Petr Skoda", "Martin Dougiamas", "Eloy Lafuente", "Tim Hunt"], right=1
        )
        assert (second.line, second.qtype) == (8, "single")
        assert second.payload == choices(["True", "False"], right=0)

    def test_html_in_a_stem_is_shown_as_text(self, moodle_file):
        question = parse_aiken(moodle_file("aiken-questions.txt"))[1]
        html = render_markdown(question.stem)
        assert '&lt;html class="cool"&gt; &amp;' in html
        assert html == (
            "<p>Moodle's abilities include handling user input that includes "
            '&lt;html class="cool"&gt; &amp; images:</p>'
        )

    def test_the_three_malformed_questions_are_reported_and_the_file_refused(self, moodle_file):
        with pytest.raises(ImportRefused) as refused:
            parse_aiken(moodle_file("aiken-errors.txt"))
        assert [(p.line, p.message) for p in refused.value.problems] == [
            (
                1,
                "Line 1: The question has 1 option; give at least two, each on its own line "
                "starting with A), B)…",
            ),
            (
                5,
                "Line 5: An option comes before any question text. Start each question with its "
                "text on one line, then its options, then “ANSWER: ” and the letter.",
            ),
            (
                14,
                "Line 14: The question has no ANSWER line. End each question with a line such as "
                "“ANSWER: B”; a question text fits on one line.",
            ),
        ]

    def test_the_good_questions_between_them_read_well(self, moodle_file):
        result = read_aiken(moodle_file("aiken-errors.txt"))
        assert [(q.line, q.name, q.payload) for q in result.questions] == [
            (9, "A good question", choices(["Correct", "Incorrect"], right=0)),
            (
                18,
                "A second good question",  # options written "A)Incorrect", without a space
                choices(["Incorrect (No space)", "Correct (No space)"], right=1),
            ),
        ]


class TestRules:
    def test_chinese_punctuation_and_plain_text(self):
        [question] = parse_aiken(
            "下列哪項<正確>？\nA．活期 & 定期\nB、*利率*\nC）_其他_\nANSWER：b\n"
        )
        assert question.stem == "下列哪項&lt;正確&gt;？"
        assert question.payload == choices(["活期 &amp; 定期", "\\*利率\\*", "\\_其他\\_"], right=1)

    def test_an_answer_that_names_no_option(self):
        assert [p.message for p in read_aiken("Q?\nA) a\nB) b\nANSWER: C\n").problems] == [
            "Line 4: “ANSWER: C” names no option of this question; use one of A, B."
        ]

    def test_options_out_of_order(self):
        assert [p.message for p in read_aiken("Q?\nA) a\nC) c\nANSWER: A\n").problems] == [
            "Line 1: Letter the options in order: A, B."
        ]
        with translation.override("zh-hant"):
            [problem] = read_aiken("Q?\nA) a\nC) c\nANSWER: A\n").problems
        assert problem.message == "第 1 行：選項字母請按順序排列：A、B。"

    def test_each_content_problem_is_its_own_located_problem(self, monkeypatch):
        """Sentences are never joined with a space: Chinese puts none between them.
        (Aiken's syntax lets one check fail at a time; two are made to fail here.)"""
        from quizzes.importers import aiken
        from quizzes.importers.parsed import content_problems

        monkeypatch.setattr(
            aiken,
            "content_problems",
            lambda qtype, stem, payload: content_problems(qtype, "", {"choices": []}),
        )
        text = "Q?\nA) a\nB) b\nANSWER: A\n"
        assert [p.message for p in read_aiken(text).problems] == [
            "Line 1: Write the question.",
            "Line 1: Give at least two choices.",
            "Line 1: Mark one choice as fully right.",
        ]
        with translation.override("zh-hant"):
            messages = [p.message for p in read_aiken(text).problems]
        assert messages == [
            "第 1 行：請填寫題幹。",
            "第 1 行：請至少給出兩個選項。",
            "第 1 行：請將一個選項標為完全正確。",
        ]

    def test_an_answer_line_without_a_question(self):
        assert [p.message for p in read_aiken("ANSWER: A\n").problems] == [
            "Line 1: An ANSWER line comes before any question text and its options."
        ]

    def test_a_question_left_open_at_the_end(self):
        assert [p.line for p in read_aiken("Q?\nA) a\nB) b\n").problems] == [1]

    def test_a_stem_on_two_lines_leaves_the_first_unfinished_as_in_moodle(self):
        result = read_aiken("First line\nsecond line\nA) a\nB) b\nANSWER: A\n")
        assert [p.line for p in result.problems] == [1]
        assert result.questions[0].stem == "second line"
