"""Small things a visitor notices: the site's icon."""

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
