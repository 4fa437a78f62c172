"""The drills page's cards are made once per process for what they show
(quizzes.drill_cards): an edited drill, another reader's open attempt and
another language each show on the next request."""

import re

import pytest
from django.utils import timezone

from quizzes.models import Attempt
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


def _cards(client) -> list[str]:
    response = client.get("/drills/")
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<section class="panel">\s*<h3>(.*?)</section>', html, re.S)


def test_an_edited_drill_shows_on_the_next_request(client, trainee):
    drill = drill_make([question_make()], title="利率速記", time_limit=90)
    drill.description = "記住**三個**數字"
    drill.save()
    client.force_login(trainee.user)
    [card] = _cards(client)
    assert "利率速記" in card and "<strong>三個</strong>" in card
    assert "90" in card and f'href="/drills/{drill.pk}/"' in card
    drill.title, drill.description, drill.time_limit, drill.pass_mark = "匯率速記", "", None, 65
    drill.save()
    [card] = _cards(client)
    assert "匯率速記" in card and "利率速記" not in card
    assert "<strong>" not in card and "90" not in card and "65%" in card


def test_an_open_attempt_continues_for_its_reader_only(client, trainee, org):
    drill = drill_make([question_make()], title="產品速記")
    Attempt.objects.create(
        drill=drill, person=trainee, started_at=timezone.now(), seed=1, status="in_progress"
    )
    client.cookies["django_language"] = "en"
    client.force_login(trainee.user)
    [mine] = _cards(client)
    colleague = PersonFactory(unit=trainee.unit)
    client.force_login(colleague.user)
    [theirs] = _cards(client)
    assert ">Continue</a>" in mine and ">Start</a>" in theirs
    client.force_login(trainee.user)
    assert _cards(client) == [mine]


def test_each_language_and_script_has_its_cards(client, trainee):
    drill_make([question_make()], title="壓測產品練習")
    client.force_login(trainee.user)
    client.cookies["django_language"] = "zh-hant"
    [traditional] = _cards(client)
    client.cookies["django_language"] = "zh-hans"
    [simplified] = _cards(client)
    client.cookies["django_language"] = "en"
    [english] = _cards(client)
    assert "壓測產品練習" in traditional and "压测产品练习" in simplified
    assert "Pass mark" in english and "Pass mark" not in traditional
