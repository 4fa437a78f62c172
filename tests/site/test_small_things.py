"""Small things: the site's icon a visitor notices, the order its addresses are tried in."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302  # not permanent: the hashed name changes with the icon
    assert response["Location"] == static("hostsite/favicon.svg")
    assert finders.find("hostsite/favicon.svg")


def test_pages_link_the_site_icon(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    link = f'<link rel="icon" href="{static("hostsite/favicon.svg")}" type="image/svg+xml">'
    assert link in response.content.decode()


def test_the_api_is_the_first_address_tried():
    """Each pattern tried before the API's costs every morning-drill answer."""
    from django.urls import get_resolver, resolve

    first, second, third = get_resolver().url_patterns[:3]
    assert str(first.pattern) == "api/quizzes/attempts/<int:attempt_id>/answers"
    assert str(second.pattern) == "api/quizzes/attempts/<int:attempt_id>/finish"
    assert str(third.pattern) == "api/"
    assert resolve("/api/quizzes/attempts/1/answers").url_name == "answer_with_token"
    assert resolve("/api/quizzes/attempts/1/answers", urlconf="hostsite.api_urls").url_name == (
        "save_answer"
    )
    assert resolve("/api/quizzes/attempts/1/finish").url_name == "finish_with_token"
    assert resolve("/api/quizzes/attempts/1/finish", urlconf="hostsite.api_urls").url_name == (
        "finish_attempt"
    )
