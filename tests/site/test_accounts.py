"""Signing in and out, and a signed-in person without admin access, in each language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests activate their language in the test's thread; later tests get it back."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _get(client, url, language, **kwargs):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **kwargs)


def _post(client, url, data, language, **kwargs):
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language, **kwargs)


@pytest.mark.parametrize(
    ("language", "label", "error"),
    [
        ("en", "Employee id or user name", "Please enter a correct “Employee id or user name”"),
        ("zh-hant", "員工編號或使用者名稱", "請輸入正確的「員工編號或使用者名稱」和密碼"),
        ("zh-hans", "员工编号或用户名", "请输入正确的“员工编号或用户名”和密码"),
    ],
)
def test_a_wrong_password_is_told_with_the_fields_own_label(
    client, trainee, language, label, error
):
    page = _get(client, reverse("login"), language)
    assert page.status_code == 200
    assert f'<label for="id_username">{label}</label>' in page.content.decode()
    response = _post(
        client, reverse("login"), {"username": trainee.user.username, "password": "x"}, language
    )
    assert response.status_code == 200
    assert error in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "You have signed out."), ("zh-hant", "您已登出。"), ("zh-hans", "您已退出登录。")],
)
def test_signing_out_says_so(client, trainee, language, message):
    client.force_login(trainee.user)
    response = _post(client, reverse("logout"), {}, language, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("login")
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You do not have permission to access the admin."),
        ("zh-hant", "您沒有進入管理後台的權限。"),
        ("zh-hans", "您没有进入管理后台的权限。"),
    ],
)
def test_no_admin_access_is_said_in_the_readers_language(client, org, language, message):
    trainee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    client.force_login(trainee.user)
    response = _get(client, "/admin/", language, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html


@pytest.mark.parametrize(
    ("language", "sign_in", "other_words"),
    [("zh-hant", "登入", ("登錄", "搜索")), ("zh-hans", "登录", ("登入",))],
)
def test_the_admin_sign_in_page_uses_the_glossarys_words(client, language, sign_in, other_words):
    html = _get(client, reverse("wagtailadmin_login"), language).content.decode()
    assert sign_in in html
    for word in other_words:
        assert word not in html


@pytest.mark.parametrize(
    ("language", "labels", "error"),
    [
        ("en", ("Employee id or user name", "Password"), "Please enter a correct “Employee id"),
        ("zh-hant", ("員工編號或使用者名稱", "密碼"), "請輸入正確的「員工編號或使用者名稱」和密碼"),
    ],
)
def test_the_admin_sign_in_form_speaks_like_the_front_ends(
    client, trainee, language, labels, error
):
    page = _get(client, reverse("wagtailadmin_login"), language).content.decode()
    for field, label in zip(("username", "password"), labels, strict=True):
        assert re.search(rf'<label[^>]*for="id_{field}"[^>]*>\s*{label}\s*<', page), label
    if language != "en":
        assert "JavaScript is required" not in page  # Wagtail leaves it untranslated
    response = _post(
        client,
        reverse("wagtailadmin_login"),
        {"username": trainee.user.username, "password": "x"},
        language,
    )
    assert error in response.content.decode()
