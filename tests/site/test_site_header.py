"""The header of every page ({% site_header %}, hostsite/templatetags/site_frame.py)
is kept per language, navigation and address in each process; the reader's own
parts (name, unread notices, the CSRF token of its forms) are filled in on every
request and never reach another reader."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from notifications.services import notice_send
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_two_readers_of_one_page_each_see_their_own_name_and_notices(org):
    first = PersonFactory(unit=org["pudong_team"], name="第一位學員")
    second = PersonFactory(unit=org["pudong_team"], name="第二位學員")
    notice_send(recipient=first.user, message="請完成課程", link="/", title="提醒")
    page = reverse("notifications:list")
    first_header = header(signed_in(first.user).get(page).content.decode())
    second_header = header(signed_in(second.user).get(page).content.decode())
    assert "第一位學員" in first_header and "第二位學員" not in first_header
    assert "第二位學員" in second_header and "第一位學員" not in second_header
    assert "notice-link--unread" in first_header and "notice-link--unread" not in second_header
    assert 'aria-current="page"' in first_header  # the notices' own page
    assert "lianbing-hole" not in first_header + second_header


def test_each_reader_gets_their_own_form_token_and_it_is_accepted(trainee, org):
    other = PersonFactory(unit=org["pudong_team"])
    client = signed_in(trainee.user, enforce_csrf_checks=True)
    own = TOKEN.findall(client.get("/").content.decode())
    theirs = TOKEN.findall(signed_in(other.user).get("/").content.decode())
    assert len(own) == 2 and not set(own) & set(theirs)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": own[0]}
    )
    assert response.status_code == 302


def test_a_name_that_looks_like_markup_is_shown_as_text(org):
    person = PersonFactory(unit=org["pudong_team"], name="<b>粗體</b>")
    html = header(signed_in(person.user).get("/").content.decode())
    assert "&lt;b&gt;粗體&lt;/b&gt;" in html and "<b>粗體</b>" not in html


def test_the_navigation_is_each_readers_own_on_the_same_address(trainee, manager):
    trainee_header = header(signed_in(trainee.user).get("/").content.decode())
    manager_header = header(signed_in(manager.user).get("/").content.decode())
    assert reverse("people:team") in manager_header
    assert reverse("people:team") not in trainee_header


def test_the_header_follows_the_language_and_the_address(trainee):
    client = signed_in(trainee.user)
    chinese = header(client.get("/").content.decode())
    english = header(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "登出" in chinese and "Log out" in english
    address = reverse("notifications:list") + "?page=1"
    other = header(client.get(address).content.decode())
    assert f'name="next" type="hidden" value="{address}"' in other


def test_a_visitor_gets_the_sign_in_link_with_the_address_to_return_to(client):
    response = client.get(reverse("login") + "?next=/x/")
    assert response.status_code == 200
    html = header(response.content.decode())
    assert reverse("logout") not in html
    assert "lianbing-hole" not in html
