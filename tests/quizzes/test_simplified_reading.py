"""Questions written in Traditional, answered by someone who chose Simplified Chinese:
the stem and the choices arrive in Simplified with mainland words, a reader of
Traditional gets them as written."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def drill(org):
    return drill_make(
        [question_make(stem="網路銀行的**使用者**資訊存在哪裡？")], title="軟體資訊一口清"
    )


def _first_stem(client, drill, language):
    response = client.post(
        f"/api/quizzes/drills/{drill.pk}/attempts",
        data=json.dumps({}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200, response.content
    return response.json()["items"][0]["question"]["stem_html"]


def test_a_simplified_reader_gets_the_question_in_simplified(client, trainee, drill):
    client.force_login(trainee.user)
    assert (
        _first_stem(client, drill, "zh-hans")
        == "<p>网络银行的<strong>用户</strong>信息存在哪里？</p>"
    )


def test_a_traditional_reader_gets_the_question_as_written(client, trainee, drill):
    client.force_login(trainee.user)
    assert (
        _first_stem(client, drill, "zh-hant")
        == "<p>網路銀行的<strong>使用者</strong>資訊存在哪裡？</p>"
    )


def test_the_drill_list_shows_drill_titles_in_the_readers_script(client, trainee, drill):
    client.force_login(trainee.user)
    html = client.get("/drills/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "软件信息一口清" in html
    html = client.get("/drills/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "軟體資訊一口清" in html
