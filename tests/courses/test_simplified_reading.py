"""Course content written in Traditional, read by someone who chose Simplified Chinese:
titles and bodies converted with mainland words, once per revision; readers of
Traditional (and the admin's editor) see what the author wrote."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from hanzi import conversion
from tests.courses.conftest import lesson
from tests.spies import first_arguments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def conversions(monkeypatch):
    """The texts really converted (not answered from a cache)."""
    calls = first_arguments(monkeypatch, conversion, "simplify")
    conversion.local_cache.clear()
    cache.clear()
    yield calls
    conversion.local_cache.clear()


@pytest.fixture
def software_lesson(course):
    page = lesson(course, 9)
    page.title = "軟體資訊安全"
    page.body = [("markdown", "登入**網路**銀行前，先確認「使用者」帳號。")]
    page.save_revision().publish()
    return page


def _read(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_simplified_reader_sees_titles_and_bodies_in_simplified(
    client, trainee, course, software_lesson
):
    client.force_login(trainee.user)
    html = _read(client, software_lesson.url, "zh-hans")
    assert "<h1>软件信息安全</h1>" in html
    assert "<title>软件信息安全" in html
    assert "登录<strong>网络</strong>银行前，先确认“用户”账号。" in html
    assert f">{'赢得企业客户'}</a>" in html  # the course's title, in the breadcrumb
    course_html = _read(client, course.url, "zh-hans")
    assert "<h1>赢得企业客户</h1>" in course_html
    assert "软件信息安全</a>" in course_html  # the lesson in the course's list


def test_a_traditional_reader_sees_what_the_author_wrote(client, trainee, software_lesson):
    client.force_login(trainee.user)
    html = _read(client, software_lesson.url, "zh-hant")
    assert "<h1>軟體資訊安全</h1>" in html
    assert "登入<strong>網路</strong>銀行前，先確認「使用者」帳號。" in html


def test_a_revision_is_converted_once(client, trainee, software_lesson, conversions):
    client.force_login(trainee.user)
    _read(client, software_lesson.url, "zh-hans")
    first = len(conversions)
    assert "軟體資訊安全" in conversions
    assert "登入**網路**銀行前，先確認「使用者」帳號。" in conversions
    _read(client, software_lesson.url, "zh-hans")
    assert len(conversions) == first  # the same revision: nothing converted again

    software_lesson.body = [("markdown", "登出前請儲存檔案。")]
    software_lesson.save_revision().publish()
    html = _read(client, software_lesson.url, "zh-hans")
    assert "退出登录前请保存文件。" in html
    assert conversions[first:] == ["登出前請儲存檔案。"]  # only the new text


def test_the_admin_editor_shows_the_original(client, software_lesson):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(admin)
    html = _read(client, f"/admin/pages/{software_lesson.pk}/edit/", "zh-hans")
    assert 'value="軟體資訊安全"' in html  # the title field
    # The body, as the StreamField's JSON (non-ASCII escaped): 登入**網路**銀行前
    assert "\\u767b\\u5165**\\u7db2\\u8def**\\u9280\\u884c\\u524d" in html
