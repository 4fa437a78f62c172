"""A course page's list of its pages is made of rows kept per process for
what they show (courses.page_list_rows): an edited title, another reader's
done pages, another language and another address each show on the next
request, and pages are loaded only for the rows not made yet."""

import re

import pytest
from wagtail.models import Site

from courses import page_list_rows
from courses.services import enrollment_create, lesson_complete
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _rows(client, url, **headers) -> list[str]:
    response = client.get(url, **headers)
    assert response.status_code == 200
    items = re.search(
        r'<ol class="lesson-list"[^>]*>(.*?)</ol>', response.content.decode(), re.S
    ).group(1)
    return re.findall(r"<li>.*?</li>", items)


def test_an_edited_title_shows_on_the_next_request(client, trainee, course):
    client.force_login(trainee.user)
    first = course.get_children().get(slug="lesson-1").specific
    assert _rows(client, course.url)[0] == f'<li><a href="{first.url}">第1課</a></li>'
    first.title = "第一課：開戶"
    first.save_revision().publish()
    assert _rows(client, course.url)[0] == f'<li><a href="{first.url}">第一課：開戶</a></li>'


def test_each_reader_sees_their_own_done_marks(client, trainee, course, org):
    other = PersonFactory(unit=org["pudong_team"])
    first, second = course.get_children().order_by("path")
    for person in (trainee, other):
        enrollment_create(person=person, course=course)
    lesson_complete(person=trainee, page=first)
    lesson_complete(person=other, page=second)

    client.force_login(trainee.user)
    mine = _rows(client, course.url)
    client.force_login(other.user)
    theirs = _rows(client, course.url)
    assert ["✓" in row for row in mine] == [True, False]
    assert ["✓" in row for row in theirs] == [False, True]
    assert '<span class="visually-hidden">已完成</span>' in mine[0]


def test_each_language_and_script_makes_its_rows(client, trainee, course):
    first = course.get_children().order_by("path").first().specific
    first.title = "第1課：開戶與轉帳"
    first.save_revision().publish()
    enrollment_create(person=trainee, course=course)
    lesson_complete(person=trainee, page=first)
    client.force_login(trainee.user)
    assert "開戶與轉帳" in _rows(client, course.url)[0]
    client.cookies["django_language"] = "zh-hans"
    simplified = _rows(client, course.url)[0]
    assert "开户与转帐" in simplified and "開戶" not in simplified
    client.cookies["django_language"] = "en"
    assert '<span class="visually-hidden">done</span>' in _rows(client, course.url)[0]


def test_a_row_links_from_the_address_asked(client, trainee, catalogue, course, settings):
    """The catalogue is also the root of a second site: there the course's
    pages are linked from that site's root, and the rows held for one host
    are not given to the other."""
    settings.ALLOWED_HOSTS = ["testserver", "branch.example"]
    Site.objects.create(hostname="branch.example", port=80, root_page=catalogue)
    client.force_login(trainee.user)
    here = '<li><a href="/courses/winning/lesson-1/">第1課</a></li>'
    assert _rows(client, "/courses/winning/")[0] == here
    branch = _rows(client, "/winning/", HTTP_HOST="branch.example")
    assert branch[0] == '<li><a href="/winning/lesson-1/">第1課</a></li>'
    assert _rows(client, "/courses/winning/")[0] == here


def test_pages_are_loaded_only_for_rows_not_made_yet(client, trainee, course, monkeypatch):
    asked = []
    real = page_list_rows.pages_by_id

    def pages_by_id(model, ids):
        asked.append(sorted(ids))
        return real(model, ids)

    monkeypatch.setattr(page_list_rows, "pages_by_id", pages_by_id)
    client.force_login(trainee.user)
    ids = sorted(course.get_children().values_list("pk", flat=True))
    assert len(_rows(client, course.url)) == 2
    assert asked == [ids]
    assert len(_rows(client, course.url)) == 2
    assert asked == [ids]  # held: nothing loaded again
    enrollment_create(person=trainee, course=course)
    lesson_complete(person=trainee, page=course.get_children().order_by("path").first())
    assert ["✓" in row for row in _rows(client, course.url)] == [True, False]
    assert asked == [ids, ids[:1]]  # only the row whose mark changed
