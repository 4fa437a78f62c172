"""Moodle's own GIFT fixtures import with the types, answers, weights,
tolerances and feedback Moodle gives them."""

import pytest

from quizzes.grading import grade
from quizzes.importers import ImportRefused
from quizzes.importers.gift import parse_gift, read_gift
from quizzes.importers.parsed import numeric_catch_all
from quizzes.importers.text_formats import plain_text
from quizzes.validation import validate_question


def choice(text, fraction=0.0, feedback=""):
    return {"text": text, "fraction": fraction, "feedback": feedback}


def short(text, fraction=1.0, feedback=""):
    return {"text": text, "fraction": fraction, "feedback": feedback}


def number(value, tolerance=0.0, fraction=1.0, feedback=""):
    return {
        "value": value,
        "tolerance": tolerance,
        "tolerance_kind": "absolute",
        "fraction": fraction,
        "feedback": feedback,
    }


def true_false(answer, feedback_true="", feedback_false=""):
    return {"answer": answer, "feedback_true": feedback_true, "feedback_false": feedback_false}


def numeric(*answers):
    return {"answers": list(answers), "unit": ""}


def pairs(*pairs, distractors=()):
    return {
        "pairs": [{"left": left, "right": right} for left, right in pairs],
        "distractors": list(distractors),
    }


def as_rows(questions):
    return [(q.line, q.qtype, q.name, q.stem, q.payload, q.general_feedback) for q in questions]


GRANT = "Who's buried in Grant's tomb?"
GRANT_CHOICES = {"choices": [choice("Grant"), choice("Jefferson"), choice("no one", 1.0)]}
NO_ONE = {"answers": [short("no one"), short("nobody")]}
ENTOMBED = {"choices": [choice("buried"), choice("entombed", 1.0), choice("living")]}
ENTOMBED_STEM = "Grant is _____ in Grant's tomb."
BURIED = "Grant is buried in Grant's tomb."
THANKSGIVING = {"choices": [choice("second"), choice("third"), choice("fourth", 1.0)]}
BORN = "When was Ulysses S. Grant born?"
PI = "What is the value of pi (to 3 decimal places)? _____."
COUNTRIES = "Match the following countries with their corresponding capitals."
WHAT_TWO = "What two people are entombed in Grant's tomb?"


class TestQuestionsFile:
    """gift-questions.gift.txt: nine questions, one of them an essay."""

    def test_the_essay_is_reported_with_its_line_and_the_file_refused(self, moodle_file):
        with pytest.raises(ImportRefused) as refused:
            parse_gift(moodle_file("gift-questions.gift.txt"))
        [problem] = refused.value.problems
        assert problem.line == 2
        assert problem.column == 21  # the {
        assert problem.message.startswith("Line 2, column 21: Essay questions")

    def test_every_other_question_reads_as_moodle_reads_it(self, moodle_file):
        result = read_gift(moodle_file("gift-questions.gift.txt"))
        rows = as_rows(result.questions)
        assert rows == [
            (
                5,
                "matching",
                "Moodle activities",
                "Match the <b>activity</b> to the description.",
                pairs(
                    ("An activity supporting asynchronous discussions.", "Forum"),
                    (
                        "A teacher asks a question and specifies a choice of multiple responses.",
                        "Choice",
                    ),
                    ("A bank of record entries which participants can add to.", "Database"),
                    ("A collection of web pages that anyone can add to or edit.", "Wiki"),
                    distractors=["Chat"],
                ),
                "",
            ),
            (
                14,
                "single",
                "Q2",
                "What's between orange and green in the spectrum?",
                {
                    "choices": [
                        choice("yellow", 1.0, "right; good!"),
                        choice("red", 0.0, "wrong, it's yellow"),
                        choice("blue", 0.0, "wrong, it's yellow"),
                    ]
                },
                "",
            ),
            (
                22,
                "multiple",
                "colours",
                "What's between orange and green in the spectrum?",
                {
                    "choices": [
                        choice("yellow", 0.5, "right; good!"),
                        choice("red", -1.0, "wrong"),
                        choice("off-beige", 0.5, "right; good!"),
                        choice("blue", -1.0, "wrong"),
                    ]
                },
                "",
            ),
            (
                31,
                "numeric",
                "Q5",
                # Text after the block (a stray `";` here) makes Moodle leave a blank.
                'What is a number from 1 to 5? _____";',
                numeric(number(3.0, 2.0), numeric_catch_all("Completely wrong")),
                "",
            ),
            (
                34,
                "short",
                "Shortanswer",
                "Which is the best animal?",
                {
                    "answers": [
                        short("Frog", 1.0, "Good!"),
                        short("Cat", 0.5, "What is it with Moodlers and cats?"),
                        short("*", 0.0, "Completely wrong"),
                    ]
                },
                "",
            ),
            (
                41,
                "true_false",
                "Q1",
                '42 is the Absolute Answer to everything._____";',
                # FALSE#feedback for a wrong answer#feedback for a right answer
                true_false(False, "42 is the Ultimate Answer.", "You gave the right answer."),
                "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
            ),
            (46, "true_false", "2-08 TSL", "TSL is blablabla.", true_false(True), ""),
            (49, "true_false", "2-08 TSL", "TSL is blablabla.", true_false(True), ""),
        ]

    def test_the_numeric_catch_all_gives_its_feedback_to_any_other_number(self, moodle_file):
        question = read_gift(moodle_file("gift-questions.gift.txt")).questions[3]
        assert grade(question.qtype, question.payload, {"value": "4.5"}).score == 1
        wrong = grade(question.qtype, question.payload, {"value": "-1000"})
        assert (wrong.score, wrong.feedback) == (0, ["Completely wrong"])


class TestQuestionsInCategoryFile:
    def test_four_questions_in_the_category(self, moodle_file):
        questions = parse_gift(moodle_file("gift-questions-in-category.gift.txt"))
        # "$course$/Default for New Features": a context marker, then the path.
        assert {q.category for q in questions} == {"Default for New Features"}
        assert as_rows(questions) == [
            (
                5,
                "matching",
                "Moodle activities",
                "Match the activity to the description.",
                pairs(
                    ("An activity supporting asynchronous discussions.", "Forum"),
                    (
                        "A teacher asks a question and specifies a choice of multiple responses.",
                        "Choice",
                    ),
                    ("A bank of record entries which participants can add to.", "Database"),
                    ("A collection of web pages that anyone can add to or edit.", "Wiki"),
                    distractors=["Chat"],
                ),
                "",
            ),
            (
                14,
                "single",
                "Greeting",
                # \= and \: are unescaped; the HTML is kept as it is.
                '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">'
                "Listen to this greeting:</a><br /><br />What language is being spoken?",
                {
                    "choices": [
                        choice("English", 0.0, "Sorry, listen again."),
                        choice("French", 1.0, "Yes, well done!"),
                        choice("German", 0.0, "Sorry, listen again."),
                        choice("Spanish", 0.0, "Sorry, listen again."),
                    ]
                },
                "",
            ),
            (
                22,
                "short",
                "Moodle user",
                "Anyone who uses Moodle is a ...",
                {"answers": [short("Moodler", 1.0, "")]},
                "",
            ),
            (
                27,
                "true_false",
                "Moodle acronym",
                'Moodle is an acronym for <span style="font-style: italic;">'
                "Modular Object-Oriented Dynamic Learning Environment</span>.",
                true_false(True),
                "",
            ),
        ]


EXAMPLES = [
    (8, "single", GRANT, GRANT, GRANT_CHOICES),
    (10, "single", ENTOMBED_STEM, ENTOMBED_STEM, ENTOMBED),
    (12, "true_false", BURIED, BURIED, true_false(False)),
    (14, "short", GRANT, GRANT, NO_ONE),
    (16, "numeric", BORN, BORN, numeric(number(1822.0, 1.0))),
    (25, "single", GRANT, GRANT, GRANT_CHOICES),
    (27, "single", ENTOMBED_STEM, ENTOMBED_STEM, ENTOMBED),
    (
        29,
        "single",
        "The American holiday of Thanksgiving is celebrated on the __",
        "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.",
        THANKSGIVING,
    ),
    (
        35,
        "single",
        "Japanese characters originally came from what country?",
        "Japanese characters originally came from what country?",
        {"choices": [choice("India"), choice("China", 1.0), choice("Korea"), choice("Egypt")]},
    ),
    (43, "short", GRANT, GRANT, NO_ONE),
    (
        45,
        "short",
        "Two plus two equals _____.",
        "Two plus two equals _____.",
        {"answers": [short("four"), short("4")]},
    ),
    (49, "true_false", BURIED, BURIED, true_false(False)),
    (
        51,
        "true_false",
        "The sun rises in the east.",
        "The sun rises in the east.",
        true_false(True),
    ),
    (
        55,
        "matching",
        "Matching Question.",
        "Matching Question.",
        pairs(
            ("subquestion1", "subanswer1"),
            ("subquestion2", "subanswer2"),
            ("subquestion3", "subanswer3"),
        ),
    ),
    (
        61,
        "matching",
        COUNTRIES[:60],
        COUNTRIES,
        pairs(("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo"), ("India", "New Delhi")),
    ),
    (70, "numeric", BORN, BORN, numeric(number(1822.0))),
    (72, "numeric", PI, PI, numeric(number(3.1415, 0.0005))),
    # 3.141..3.142: the middle, and half the width as the tolerance
    (74, "numeric", PI, PI, numeric(number(3.1415, 0.0005))),
    (76, "numeric", BORN, BORN, numeric(number(1822.0, 0.0), number(1822.0, 2.0, 0.5))),
    (85, "numeric", "What's 2 plus 2?", "What's 2 plus 2?", numeric(number(4.0))),
    (
        90,
        "short",
        "Kanji Origins",
        "Japanese characters originally\ncame from what country?",
        {"answers": [short("China")]},
    ),
    (
        93,
        "single",
        "Thanksgiving Date",
        "The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of November.",
        THANKSGIVING,
    ),
    (
        98,
        "single",
        "What's the answer to this multiple-choice question?",
        "What's the answer to this multiple-choice question?",
        {
            "choices": [
                choice("wrong answer", 0.0, "feedback comment on the wrong answer"),
                choice("another wrong answer", 0.0, "feedback comment on this wrong answer"),
                choice("right answer", 1.0, "Very good!"),
            ]
        },
    ),
    (
        103,
        "short",
        GRANT,
        GRANT,
        {
            "answers": [
                short("no one", 1.0, "excellent answer!"),
                short("nobody", 1.0, "excellent answer!"),
            ]
        },
    ),
    (
        108,
        "short",
        GRANT,
        "Who's buried in **Grant's tomb**?",  # [markdown]: kept as written
        {
            "answers": [
                short("no one", 1.0, "excellent answer!"),
                short("nobody", 1.0, "excellent answer!"),
            ]
        },
    ),
    (113, "true_false", BURIED, BURIED, true_false(False, "No one is buried in Grant's tomb.", "")),
    (
        115,
        "single",
        "Difficult question.",
        "Difficult question.",
        {
            "choices": [
                choice("wrong answer"),
                choice("half credit answer", 0.5),
                choice("full credit answer", 1.0),
            ]
        },
    ),
    (
        117,
        "single",
        "Jesus' hometown",
        "Jesus Christ was from _____.",
        {
            "choices": [
                choice("Jerusalem", 0.0, "This was an important city, but the wrong answer."),
                choice("Bethlehem", 0.25, "He was born here, but not raised here."),
                choice("Galilee", 0.5, "You need to be more specific."),
                choice("Nazareth", 1.0, "Yes! That's right!"),
            ]
        },
    ),
    (
        123,
        "short",
        "Jesus' hometown",
        "Jesus Christ was from",
        {
            "answers": [
                short("Nazareth", 1.0, "Yes! That's right!"),
                short("Nazereth", 0.75, "Right, but misspelled."),
                short("Bethlehem", 0.25, "He was born here, but not raised here."),
            ]
        },
    ),
    (
        130,
        "multiple",
        WHAT_TWO,
        WHAT_TWO,
        {
            "choices": [
                choice("No one"),
                choice("Grant", 0.5),
                choice("Grant's wife", 0.5),
                choice("Grant's father"),
            ]
        },
    ),
    (
        136,
        "multiple",
        WHAT_TWO,
        WHAT_TWO,
        {
            "choices": [
                choice("No one", -0.5),
                choice("Grant", 0.5),
                choice("Grant's wife", 0.5),
                choice("Grant's father", -0.5),
            ]
        },
    ),
    (
        143,
        "single",
        "Which answer equals 5?",
        "Which answer equals 5?",
        {"choices": [choice("= 2 + 2"), choice("= 2 + 3", 1.0), choice("= 2 + 4")]},
    ),
    (
        148,
        "single",
        "GIFT Control Characters",
        "Which of the following is NOT a control character for the GIFT import format?",
        {
            "choices": [
                choice("~", 0.0, "~ is a control character."),
                choice("=", 0.0, "= is a control character."),
                # Moodle's own format shows # and \ literally; in Markdown they are escaped.
                choice("\\#", 0.0, "\\# is a control character."),
                choice("{", 0.0, "{ is a control character."),
                choice("}", 0.0, "} is a control character."),
                choice(
                    "\\\\",
                    1.0,
                    "Correct! \\\\ (backslash) is not a control character. BUT,\n"
                    "it is used to escape the control characters. So, to specify\n"
                    "a literal backslash, you must escape it with a backslash\n"
                    "(as shown in this example).",
                ),
            ]
        },
    ),
    (167, "single", GRANT, GRANT, GRANT_CHOICES),
    (169, "single", ENTOMBED_STEM, ENTOMBED_STEM, ENTOMBED),
    (171, "true_false", BURIED, BURIED, true_false(False)),
    (173, "short", GRANT, GRANT, NO_ONE),
    (175, "numeric", BORN, BORN, numeric(number(1822.0, 5.0))),
    (
        177,
        "matching",
        COUNTRIES[:60],
        "Match the following countries with their corresponding\ncapitals.",
        pairs(("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo")),
    ),
    (
        184,
        "single",
        "Grant's Tomb",
        ENTOMBED_STEM,
        {
            "choices": [
                choice("buried", 0.0, "No one is buried there."),
                choice("entombed", 1.0, "Right answer!"),
                choice("living", 0.0, "We hope not!"),
            ]
        },
    ),
    (
        190,
        "single",
        "Difficult multiple choice question.",
        "Difficult multiple choice question.",
        {
            "choices": [
                choice("wrong answer", 0.0, "comment on wrong answer"),
                choice("half credit answer", 0.5, "comment on answer"),
                choice("full credit answer", 1.0, "well done!"),
            ]
        },
    ),
    (
        195,
        "short",
        "Jesus' hometown (Short answer ex.)",
        "Jesus Christ was from _____.",
        {
            "answers": [
                short("Nazareth", 1.0, "Yes! That's right!"),
                short("Nazereth", 0.75, "Right, but misspelled."),
                short("Bethlehem", 0.25, "He was born here, but not raised here."),
            ]
        },
    ),
    (
        202,
        "numeric",
        "Numerical example",
        BORN,
        numeric(
            number(1822.0, 0.0, 1.0, "Correct! 100% credit"),
            number(1822.0, 2.0, 0.5, "He was born in 1822.\nYou get 50% credit for being close."),
        ),
    ),
]


class TestExamplesFile:
    """gift-examples.txt, the GIFT reference examples: all of them import."""

    @pytest.fixture
    def questions(self, moodle_file):
        return parse_gift(moodle_file("gift-examples.txt"))

    def test_all_forty_three_questions_import(self, questions):
        assert [q.line for q in questions] == [line for line, *_ in EXAMPLES]

    @pytest.mark.parametrize(
        ("line", "qtype", "name", "stem", "payload"),
        EXAMPLES,
        ids=[f"line {e[0]}" for e in EXAMPLES],
    )
    def test_question(self, questions, line, qtype, name, stem, payload):
        [question] = [q for q in questions if q.line == line]
        assert (question.qtype, question.name, question.stem) == (qtype, name, stem)
        assert question.payload == payload
        assert question.general_feedback == ""
        assert question.category == ""

    def test_escaped_control_characters_show_as_moodle_shows_them(self, questions):
        [question] = [q for q in questions if q.line == 148]
        texts = [plain_text(c["text"]) for c in question.payload["choices"]]
        assert texts == ["~", "=", "#", "{", "}", "\\"]


def test_every_imported_question_is_one_the_bank_accepts(moodle_file):
    for name in (
        "gift-questions.gift.txt",
        "gift-questions-in-category.gift.txt",
        "gift-examples.txt",
    ):
        for question in read_gift(moodle_file(name)).questions:
            validate_question(qtype=question.qtype, stem=question.stem, payload=question.payload)
