"""GIFT syntax beyond Moodle's fixtures: formats, escapes, categories and
every kind of malformed question."""

import pytest
from django.utils import translation

from markup.rendering import render_markdown
from quizzes.importers import ImportRefused
from quizzes.importers.gift import parse_gift, read_gift


def one(text):
    [question] = parse_gift(text)
    return question


def problems(text):
    result = read_gift(text)
    return [(p.line, p.column, p.message) for p in result.problems]


class TestStructure:
    def test_comments_names_and_blank_line_separation(self):
        questions = parse_gift(
            "// a comment\n::First:: One?{T}\n\n// another\n\nTwo?\n// inside\n{F}\n"
        )
        assert [(q.line, q.name, q.stem) for q in questions] == [
            (2, "First", "One?"),
            (6, "Two?", "Two?"),
        ]

    def test_a_name_defaults_to_sixty_characters_of_the_stems_text(self):
        stem = "[html]<b>客戶經理</b>應當" + "在每次面談後記錄客戶的風險偏好變化" * 4 + "。{T}"
        question = one(stem)
        assert question.name == ("客戶經理應當" + "在每次面談後記錄客戶的風險偏好變化" * 4)[:60]

    def test_windows_line_endings(self):
        assert [q.line for q in parse_gift("A?{T}\r\n\r\nB?{\r\n=b ~c\r\n}\r\n")] == [1, 3]

    def test_categories_apply_to_the_questions_that_follow(self):
        questions = parse_gift(
            "A?{T}\n\n$CATEGORY: $course$/top/產品/存款\n\nB?{T}\n\n"
            "$CATEGORY: 合規\nC?{F}\n"  # no blank line after the category: read anyway
        )
        assert [(q.stem, q.category) for q in questions] == [
            ("A?", ""),
            ("B?", "產品/存款"),
            ("C?", "合規"),
        ]


class TestTextFormats:
    def test_plain_text_shows_as_typed(self):
        question = one("[plain]Is 1 < 2 & *bold* [x]?{T}")
        assert question.stem == "Is 1 &lt; 2 &amp; \\*bold\\* \\[x\\]?"
        assert render_markdown(question.stem) == "<p>Is 1 &lt; 2 &amp; *bold* [x]?</p>"

    def test_html_is_kept_and_no_entity_is_decoded(self):
        question = one("[html]<p>AT&amp;T &lt;b&gt; 2*3*4</p>{F}")
        assert question.stem == "<p>AT&amp;T &lt;b&gt; 2*3*4</p>"
        assert render_markdown(question.stem) == "<p>AT&amp;T &lt;b&gt; 2*3*4</p>"

    def test_html_inline_keeps_its_tags_and_shows_the_rest_literally(self):
        question = one('[html]Take <a href="http://x.test/a_b">the_file</a> *now*{T}')
        assert question.stem == 'Take <a href="http://x.test/a_b">the\\_file</a> \\*now\\*'
        assert "*now*" in render_markdown(question.stem)

    def test_markdown_is_kept(self):
        assert one("[markdown]Is **this** bold?{T}").stem == "Is **this** bold?"

    def test_moodles_own_format_shows_markdown_syntax_literally(self):
        stem = one("A *star* and C:\\path\\n# heading\\n- item{T}").stem
        assert stem == "A \\*star\\* and C:\\\\path\n\\# heading\n\\- item"
        assert render_markdown(stem) == "<p>A *star* and C:\\path<br>\n# heading<br>\n- item</p>"

    def test_answers_and_feedback_have_formats_of_their_own(self):
        question = one(
            "[html]Q <i>x</i>?{=[plain]<b>#[markdown]**yes** ~[html]<b>b</b>#[plain]a&b}"
        )
        assert question.payload["choices"] == [
            {"text": "&lt;b&gt;", "fraction": 1.0, "feedback": "**yes**"},
            {"text": "<b>b</b>", "fraction": 0.0, "feedback": "a&amp;b"},
        ]

    def test_general_feedback_takes_the_stems_format(self):
        question = one("[plain]Q?{T####a <b>}")
        assert question.general_feedback == "a &lt;b&gt;"


class TestEscapes:
    def test_every_escape(self):
        question = one("::a\\:b:: \\~ \\= \\# \\{ \\} \\: \\\\ one\\ntwo{=x\\=y\\#z}")
        assert question.name == "a:b"
        assert question.stem == "~ = # { } : \\\\ one\ntwo"
        assert question.payload["answers"] == [{"text": "x=y#z", "fraction": 1.0, "feedback": ""}]

    def test_an_escaped_backslash_does_not_escape_what_follows(self):
        question = one("Path?{=C:\\\\#right}")
        # \\ is a backslash; the # after it separates the feedback.
        assert question.payload["answers"] == [
            {"text": "C:\\", "fraction": 1.0, "feedback": "right"}
        ]


class TestTypes:
    @pytest.mark.parametrize(
        ("block", "answer"), [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)]
    )
    def test_true_false(self, block, answer):
        assert one("Q?" + block).payload["answer"] is answer

    def test_true_false_feedback_wrong_then_right(self):
        assert one("Q?{TRUE#Think again.#Well done.}").payload == {
            "answer": True,
            "feedback_true": "Well done.",
            "feedback_false": "Think again.",
        }

    def test_lower_case_true_is_a_short_answer_as_in_moodle(self):
        assert one("Q?{true}").qtype == "short"

    def test_missing_word(self):
        question = one("The {=fourth ~third} Thursday.")
        assert (question.qtype, question.stem) == ("single", "The _____ Thursday.")

    def test_weighted_choices_without_equals_are_multiple_answer(self):
        question = one("Q?{~%50%a ~%50%b ~%-100%c}")
        assert question.qtype == "multiple"
        assert [c["fraction"] for c in question.payload["choices"]] == [0.5, 0.5, -1.0]

    def test_choices_with_an_equals_are_single_even_with_partial_weights(self):
        question = one("Q?{=a ~%33.3333%b ~c}")
        assert question.qtype == "single"
        assert [c["fraction"] for c in question.payload["choices"]] == [1.0, 0.333333, 0.0]

    def test_numeric_forms(self):
        payload = one("Q?{#-5..-3 =%50%1e3:1e1#close}").payload
        assert payload == {
            "answers": [
                {
                    "value": -4.0,
                    "tolerance": 1.0,
                    "tolerance_kind": "absolute",
                    "fraction": 1.0,
                    "feedback": "",
                },
                {
                    "value": 1000.0,
                    "tolerance": 10.0,
                    "tolerance_kind": "absolute",
                    "fraction": 0.5,
                    "feedback": "close",
                },
            ],
            "unit": "",
        }

    def test_matching_right_sides_are_kept_as_typed(self):
        payload = one("Q?{=[plain]a*b -> x*y =c -> <z> = -> w&v}").payload
        assert payload == {
            "pairs": [{"left": "a\\*b", "right": "x*y"}, {"left": "c", "right": "<z>"}],
            "distractors": ["w&v"],
        }


MALFORMED = """\
Fine?{T}

Just a description

Broken {=a

Broken } too {=a}

Two {=a} blocks {=b}

Weights {~%150%a =b}

One {~a}

Pairs {=a -> 1 =b}

Pair {=a -> 1}

Num {#abc}

Range {#5..3}

Sum {~%50%a ~%30%b ~c}

Empty choice {=a ~#why}

Short without a full answer {=%50%a}

{T}

Essay? {}
"""


UNCLOSED = "Line 2, column 8: The answer block has no closing }; close it, or write \\{ for a literal brace."


class TestUnclosedBrace:
    """An unclosed { is reported where it opens, not where the next question starts."""

    def test_next_question_without_a_blank_line(self):
        assert problems("// bank\n活期存款可以？{=可以 ~不可以\n定期存款呢？{=不可以 ~可以}\n") == [
            (2, 8, UNCLOSED)
        ]

    def test_answers_over_several_lines_then_the_next_question(self):
        text = (
            "// bank\n活期存款可以？{\n=可以\n~不可以\n// next\n::b::定期存款呢？{=不可以 ~可以}\n"
        )
        assert problems(text) == [(2, 8, UNCLOSED)]

    def test_last_question_of_the_file(self):
        assert problems("A?{T}\n活期存款可以？{=可以 ~不可以\n") == [(2, 8, UNCLOSED)]

    def test_a_second_block_left_open_is_reported_where_it_opens(self):
        assert problems("// bank\nA?{T} and B?{F\n") == [
            (
                2,
                13,
                "Line 2, column 13: The answer block has no closing }; close it, or write \\{ "
                "for a literal brace.",
            )
        ]


class TestProblems:
    def test_every_malformed_question_is_reported_at_its_place(self):
        assert problems(MALFORMED) == [
            (
                3,
                None,
                "Line 3: This item has no answer block {…}. Descriptions without answers are not "
                "supported; add answers or remove it.",
            ),
            (
                5,
                8,
                "Line 5, column 8: The answer block has no closing }; close it, or write \\{ for a "
                "literal brace.",
            ),
            (7, 8, "Line 7, column 8: A } comes before any {; write \\} for a literal brace."),
            (
                9,
                17,
                "Line 9, column 17: A question has only one answer block {…}; write \\{ or \\} for a "
                "literal brace.",
            ),
            (
                11,
                11,
                "Line 11, column 11: The weight 150% is outside -100% to 100%; use a weight in that range.",
            ),
            (
                13,
                6,
                "Line 13, column 6: A choice question needs at least two answers, each starting with = or ~.",
            ),
            (
                15,
                17,
                "Line 15, column 17: This matching answer has no “->”; write each pair as “=left -> right”.",
            ),
            (
                17,
                7,
                "Line 17, column 7: A matching question needs at least two pairs, each written "
                "“=left -> right”.",
            ),
            (
                19,
                7,
                "Line 19, column 7: “abc” is not a number; write a numeric answer as 1822, 3.14:0.01 "
                "or 3.141..3.142.",
            ),
            (
                21,
                9,
                "Line 21, column 9: In the range 5..3 the larger number comes first; write the smaller "
                "one first.",
            ),
            (23, None, "Line 23: The weights of the right choices must add up to 100%."),
            (25, None, "Line 25: Every choice needs a text."),
            (27, None, "Line 27: Give at least one fully right answer."),
            (29, None, "Line 29: Write the question."),
            (
                31,
                8,
                "Line 31, column 8: Essay questions ({} with nothing inside) are not supported; give "
                "the answers or remove the question.",
            ),
        ]

    def test_a_single_choice_without_a_full_answer_is_refused(self):
        # Moodle would make "{~a ~%50%b}" multiple-answer, whose weights must add up to 100%.
        assert problems("Q?{~a ~%50%b}") == [
            (1, None, "Line 1: The weights of the right choices must add up to 100%.")
        ]

    def test_each_sentence_is_its_own_located_problem(self):
        """Sentences are never joined with a space: Chinese puts none between them."""
        assert problems("{~%50%a ~%20%b}") == [
            (1, None, "Line 1: Write the question."),
            (1, None, "Line 1: The weights of the right choices must add up to 100%."),
        ]
        with translation.override("zh-hant"):
            assert problems("{~%50%a ~%20%b}") == [
                (1, None, "第 1 行：請填寫題幹。"),
                (1, None, "第 1 行：正確選項的權重之和必須為 100%。"),
            ]

    def test_all_or_nothing(self):
        with pytest.raises(ImportRefused) as refused:
            parse_gift(MALFORMED)
        assert [p.line for p in refused.value.problems] == list(range(3, 32, 2))
        assert read_gift(MALFORMED).questions[0].stem == "Fine?"
