"""The course page's list of its pages: a part at a time (PAGES_PER_PAGE),
with page links, loading only the pages it shows, and where to go on worked
out from the pages' ids alone."""

import re

import pytest

from courses.selectors.progress import PAGES_PER_PAGE, resume_page_id
from courses.services import enrollment_create, lesson_complete
from tests.budgets import queries_of

from .conftest import lesson

FEW, MANY = 3, 120


def lessons_up_to(course, count):
    existing = course.get_children().count()
    for number in range(existing + 1, count + 1):
        lesson(course, number)


def listed(html: str) -> list[str]:
    """The titles in the course page's list of its pages, in order."""
    items = re.search(r'<ol class="lesson-list"[^>]*>(.*?)</ol>', html, re.S).group(1)
    return re.findall(r"<li><a [^>]*>([^<]*)</a>", items)


# Where to go on, from ids ------------------------------------------------------


def test_resume_is_the_page_last_opened_when_it_is_not_done():
    assert resume_page_id((1, 2, 3, 4), {1}, 3) == 3


def test_resume_is_the_next_page_not_done_after_the_last_opened():
    assert resume_page_id((1, 2, 3, 4), {2, 3}, 2) == 4


def test_resume_goes_round_to_the_first_page_not_done():
    assert resume_page_id((1, 2, 3, 4), {2, 3, 4}, 3) == 1


def test_resume_without_a_page_opened_is_the_first_not_done():
    assert resume_page_id((1, 2, 3), {1}, None) == 2
    # A page opened that is no longer listed (unpublished, or hidden): as if none.
    assert resume_page_id((1, 2, 3), set(), 99) == 1


def test_no_resume_when_every_page_is_done_or_there_is_none():
    assert resume_page_id((1, 2, 3), {1, 2, 3}, 2) is None
    assert resume_page_id((), set(), None) is None


# The course page ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_course_page_costs_the_same_with_few_or_many_pages(
    client, trainee, course, django_assert_max_num_queries
):
    """Whichever part of the list is asked for (garbage or beyond the last
    reads as Paginator.get_page does), the same queries as with 3 pages."""
    enrollment_create(person=trainee, course=course)
    client.force_login(trainee.user)
    lessons_up_to(course, FEW)
    counts = [queries_of(client, course.url, 8, django_assert_max_num_queries)]
    lessons_up_to(course, MANY)
    for number in (None, "2", "3", "x", "0", "999"):
        data = {"page": number} if number else None
        counts.append(queries_of(client, course.url, 8, django_assert_max_num_queries, data=data))
    assert len(set(counts)) == 1, counts


@pytest.mark.django_db
def test_the_course_page_lists_its_pages_a_part_at_a_time(client, trainee, course):
    lessons_up_to(course, MANY)
    enrollment_create(person=trainee, course=course)
    lesson_complete(person=trainee, page=course.get_children().get(slug="lesson-52"))
    client.force_login(trainee.user)

    first = client.get(course.url).content.decode()
    assert listed(first) == [f"第{n}課" for n in range(1, PAGES_PER_PAGE + 1)]
    # (Traditional Chinese, the default: "Page 1 of 3", "Previous", "Next".)
    assert "第 1 頁，共 3 頁" in first and "?page=2" in first and "上一個" not in first

    second = client.get(course.url, {"page": 2}).content.decode()
    assert listed(second) == [f"第{n}課" for n in range(51, 101)]
    assert "第 2 頁，共 3 頁" in second and 'start="51"' in second
    assert "?page=1" in second and "?page=3" in second
    # The done mark sits by the page done, on whichever part it is listed.
    assert re.search(r">第52課</a> <span aria-hidden=\"true\">✓</span>", second)
    assert second.count("✓") == 1 and "✓" not in first.split('class="lesson-list"')[1]

    last = client.get(course.url, {"page": 3}).content.decode()
    assert listed(last) == [f"第{n}課" for n in range(101, 121)]
    assert "第 3 頁，共 3 頁" in last and "下一個" not in last
    assert listed(client.get(course.url, {"page": "999"}).content.decode()) == listed(last)
    assert listed(client.get(course.url, {"page": "x"}).content.decode()) == listed(first)


@pytest.mark.django_db
def test_the_continue_link_leads_to_a_page_listed_on_another_part(client, trainee, course):
    lessons_up_to(course, MANY)
    enrollment = enrollment_create(person=trainee, course=course)
    far = course.get_children().get(slug="lesson-100")
    enrollment.last_page_id = far.pk
    enrollment.save(update_fields=["last_page_id"])
    client.force_login(trainee.user)
    page = client.get(course.url).content.decode()
    assert "第100課" not in listed(page)
    assert f'<a class="button" href="{far.url}">' in page


@pytest.mark.django_db
def test_the_parts_count_only_the_pages_the_reader_may_read(client, trainee, reviews, monkeypatch):
    """Of the reviews course's two reviews the trainee may read one: one part."""
    monkeypatch.setattr("courses.selectors.progress.PAGES_PER_PAGE", 1)
    client.force_login(trainee.user)
    page = client.get(reviews["course"].url).content.decode()
    assert listed(page) == [reviews["confidential"].title]
    assert 'class="pagination"' not in page


@pytest.mark.django_db
def test_only_the_pages_shown_and_the_one_to_go_on_to_are_loaded(
    client, trainee, course, monkeypatch
):
    """The progress loads the page to go on to; the list's rows load the
    pages shown (courses.page_list_rows), and only the first time."""
    from courses import page_list_rows
    from courses.selectors import progress

    lessons_up_to(course, MANY)
    enrollment = enrollment_create(person=trainee, course=course)
    far = course.get_children().get(slug="lesson-100")
    enrollment.last_page_id = far.pk
    enrollment.save(update_fields=["last_page_id"])
    asked = {"progress": [], "rows": []}

    def counted(name, real):
        def pages_by_id(model, ids):
            asked[name].append(list(ids))
            return real(model, ids)

        return pages_by_id

    monkeypatch.setattr(progress, "pages_by_id", counted("progress", progress.pages_by_id))
    monkeypatch.setattr(page_list_rows, "pages_by_id", counted("rows", page_list_rows.pages_by_id))
    client.force_login(trainee.user)
    assert client.get(course.url).status_code == 200
    assert asked["progress"] == [[far.pk]]
    assert len(asked["rows"]) == 1 and len(asked["rows"][0]) == PAGES_PER_PAGE
    assert client.get(course.url).status_code == 200
    assert asked["progress"] == [[far.pk], [far.pk]] and len(asked["rows"]) == 1
