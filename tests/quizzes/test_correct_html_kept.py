"""The right answer in words is kept per content, language and rendering
settings (quizzes.presentation.correct_html): made once for a drill's
thousands of answers, and never shown stale."""

import copy

import pytest
from django.utils import translation

from quizzes import presentation
from quizzes.presentation import correct_html
from quizzes.question_types import QuestionType
from tests.spies import calls_of

SINGLE = {"choices": [{"text": "3.25%", "fraction": 1.0}, {"text": "2.75%", "fraction": 0.0}]}


@pytest.fixture
def made(monkeypatch):
    """Each time the right answer in words is really made."""
    presentation._correct_html_kept.cache_clear()
    yield calls_of(monkeypatch, presentation, "_correct_html")
    presentation._correct_html_kept.cache_clear()


def test_the_same_content_is_made_once(made):
    first = correct_html(qtype=QuestionType.SINGLE, payload=SINGLE)
    again = correct_html(qtype=QuestionType.SINGLE, payload=copy.deepcopy(SINGLE))
    assert first == again and "3.25%" in first and "2.75%" not in first
    assert len(made) == 1


def test_a_payload_corrected_in_place_shows_the_correction(made):
    corrected = copy.deepcopy(SINGLE)
    corrected["choices"][0]["text"] = "3.50%"
    correct_html(qtype=QuestionType.SINGLE, payload=SINGLE)
    assert "3.50%" in correct_html(qtype=QuestionType.SINGLE, payload=corrected)
    assert len(made) == 2


def test_each_language_and_script_has_its_own(made):
    payload = {"answer": False}
    with translation.override("en"):
        english = correct_html(qtype=QuestionType.TRUE_FALSE, payload=payload)
    with translation.override("zh-hant"):
        chinese = correct_html(qtype=QuestionType.TRUE_FALSE, payload=payload)
    assert "False" in english and "False" not in chinese
    with translation.override("zh-hans"):
        simplified = correct_html(qtype=QuestionType.ORDERING, payload={"items": ["開戶", "貸後"]})
    assert "开户" in simplified


def test_the_media_url_is_part_of_the_key(made, settings):
    payload = {"back": "![卡](/media/card.png)"}
    correct_html(qtype=QuestionType.RECALL, payload=payload)
    settings.MEDIA_URL = "/files/"
    correct_html(qtype=QuestionType.RECALL, payload=payload)
    assert len(made) == 2
