"""The admin preview: admins only, POST only, bounded, sanitised."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from markup import views

from .html_checks import assert_not_executable, elements

pytestmark = pytest.mark.django_db

MARKER = "**預覽標記**"
RENDERED_MARKER = "<strong>預覽標記</strong>"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # what the editor's script sends


@pytest.fixture
def url():
    return reverse("markup:preview")


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def plain_user():
    return get_user_model().objects.create_user("trainee", "trainee@example.com", "pw")


def test_url_lives_in_the_admin(url):
    assert url == "/admin/markup/preview/"


def test_admin_gets_sanitised_html(admin_client, url):
    response = admin_client.post(url, {"text": "**重點**\n<script>alert(1)</script>"}, **XHR)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert ("strong", {}) in elements(html)
    assert_not_executable(html)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_empty_text_gives_an_empty_preview(admin_client, url):
    response = admin_client.post(url, {})
    assert response.status_code == 200 and response.content == b""


def test_editor_with_admin_access_only_is_allowed(client, url, plain_user):
    plain_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(plain_user)
    assert client.post(url, {"text": "x"}, **XHR).status_code == 200


def test_logged_in_user_without_admin_access_is_forbidden(client, url, plain_user):
    client.force_login(plain_user)
    response = client.post(url, {"text": MARKER}, **XHR)
    assert response.status_code == 403
    assert RENDERED_MARKER not in response.content.decode()


def test_without_the_script_header_wagtail_redirects_a_non_admin(client, url, plain_user):
    # Wagtail's admin-access guard runs before the view and answers plain
    # (non-XHR) requests with a redirect to its login page.
    client.force_login(plain_user)
    response = client.post(url, {"text": MARKER})
    assert response.status_code == 302
    assert RENDERED_MARKER not in response.content.decode()


def test_view_itself_refuses_a_non_admin(plain_user):
    # Defence in depth: the view checks the permission wherever it is mounted.
    request = RequestFactory().post("/preview/", {"text": "x"})
    request.user = plain_user
    assert views.preview(request).status_code == 403


def test_anonymous_is_sent_to_log_in(client, url):
    response = client.post(url, {"text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_anonymous_script_request_is_forbidden(client, url):
    assert client.post(url, {"text": "x"}, **XHR).status_code == 403


def test_get_is_not_allowed(admin_client, url):
    assert admin_client.get(url, {"text": "x"}).status_code == 405


def test_post_needs_the_csrf_token(url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.com", "pw"))
    assert client.post(url, {"text": "x"}, **XHR).status_code == 403


def test_oversized_text_is_refused_with_a_clear_message(admin_client, url):
    response = admin_client.post(url, {"text": "字" * 100_001}, **XHR)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "100001" in response.content.decode() and "100000" in response.content.decode()


def test_text_at_the_limit_is_rendered(admin_client, url):
    assert admin_client.post(url, {"text": "字" * 100_000}, **XHR).status_code == 200


@override_settings(MARKUP_PREVIEW_MAX_LENGTH=10)
def test_limit_is_a_setting(admin_client, url):
    assert admin_client.post(url, {"text": "x" * 11}, **XHR).status_code == 400


def test_oversized_message_is_in_the_admin_language(admin_client, url):
    # An admin without a language preference gets the site's, Traditional Chinese.
    response = admin_client.post(url, {"text": "x" * 100_001}, **XHR)
    assert "預覽" in response.content.decode()


def test_the_preview_shows_what_the_author_wrote_in_a_simplified_admin(admin_client, url):
    from django.utils import translation

    with translation.override("zh-hant"):  # restored after the request's zh-hans
        response = admin_client.post(
            url, {"text": "**軟體**資訊"}, HTTP_ACCEPT_LANGUAGE="zh-hans", **XHR
        )
    assert response.status_code == 200
    assert response.content.decode() == "<p><strong>軟體</strong>資訊</p>"
