"""The footer under a lesson, case or review is made once per process for
what it shows (courses.lesson_footer): each page its own form, each reader
their own form token, and the progress, the language and the reader's state
as they are on the next request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from courses.services import enrollment_create, lesson_complete

pytestmark = pytest.mark.django_db


def _footer(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.search(
        r'<div class="lesson-footer">.*?</div>\s*</main>', response.content.decode(), re.S
    ).group(0)


def _token(footer: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', footer).group(1)


def test_each_page_marks_itself_done(client, trainee, course):
    first, second = course.get_children().order_by("path")
    client.force_login(trainee.user)
    for page in (first, second):
        action = reverse("courses:complete", args=[page.pk])
        assert f'<form method="post" action="{action}">' in _footer(client, page.url)


def test_the_form_token_is_each_reader_s_own(trainee, course, org):
    """Two readers in the same state get the same footer but their own token,
    and each token is taken when the form is sent."""
    from tests.factories import PersonFactory

    other = PersonFactory(unit=org["pudong_team"])
    page = course.get_children().order_by("path").first()
    tokens = []
    for person in (trainee, other):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person.user)
        footer = _footer(client, page.url)
        tokens.append(_token(footer))
        complete = reverse("courses:complete", args=[page.pk])
        assert client.post(complete, {"csrfmiddlewaretoken": tokens[-1]}).status_code == 302
        assert "✓" in _footer(client, page.url)
    assert tokens[0] != tokens[1]


def test_the_progress_shows_as_it_is_on_the_next_request(client, trainee, course):
    first, second = course.get_children().order_by("path")
    enrollment_create(person=trainee, course=course)
    client.force_login(trainee.user)
    assert re.findall(r'aria-valuenow="(\d+)"', _footer(client, second.url)) == ["0"]
    lesson_complete(person=trainee, page=first)
    footer = _footer(client, second.url)
    assert re.findall(r'aria-valuenow="(\d+)"', footer) == ["50"]
    assert 'action="{}"'.format(reverse("courses:complete", args=[second.pk])) in footer
    lesson_complete(person=trainee, page=second)
    footer = _footer(client, second.url)
    assert re.findall(r'aria-valuenow="(\d+)"', footer) == ["100"]
    assert reverse("courses:complete", args=[second.pk]) not in footer and "✓" in footer


def test_each_language_has_its_footer(client, trainee, course):
    page = course.get_children().order_by("path").first()
    client.force_login(trainee.user)
    assert "返回課程" in _footer(client, page.url)
    client.cookies["django_language"] = "en"
    english = _footer(client, page.url)
    assert "Back to the course" in english and "返回課程" not in english
