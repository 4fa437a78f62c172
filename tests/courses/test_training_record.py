"""What the courses app adds to a person's training record: their courses with
progress, only those the reader may open too."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from courses.services import enrollment_create, lesson_complete
from people.roles import GROUP_NAMES, Role
from tests.budgets import queries_of

from .conftest import lesson

pytestmark = pytest.mark.django_db


def courses_section(client, person):
    response = client.get(reverse("people:record", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    match = re.search(
        r"<h2 id=\"record-section-\d+\">Courses</h2>(.*?)</section>",
        response.content.decode(),
        re.S,
    )
    assert match
    return match.group(1)


def test_manager_reads_each_course_with_its_progress(client, manager, trainee, course):
    enrollment_create(person=trainee, course=course)
    first = course.get_children().first()
    lesson_complete(person=trainee, page=first.specific)
    client.force_login(manager.user)
    html = courses_section(client, trainee)
    assert f'<a href="{course.url}">{course.title}</a>' in html
    assert '<progress max="100" value="50"' in html
    assert "1 of 2 done (50%)" in html


def test_a_completed_course_says_when(client, trainee, course):
    enrollment_create(person=trainee, course=course)
    for page in course.get_children():
        lesson_complete(person=trainee, page=page.specific)
    client.force_login(trainee.user)
    html = courses_section(client, trainee)
    assert re.search(r"completed on \d{4}-\d\d-\d\d", html)


def test_a_course_the_reader_may_not_open_is_left_out(client, manager, trainee, catalogue, course):
    secret = catalogue.add_child(
        instance=CoursePage(title="關聯交易專班", slug="secret", objectives="x", audience="y")
    )
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]))
    enrollment_create(person=trainee, course=course)
    enrollment_create(person=trainee, course=secret)
    client.force_login(manager.user)
    assert "關聯交易專班" not in courses_section(client, trainee)
    client.force_login(trainee.user)
    assert "關聯交易專班" in courses_section(client, trainee)


def test_record_without_courses_says_so(client, trainee):
    client.force_login(trainee.user)
    assert "On no course yet." in courses_section(client, trainee)


def test_record_query_budget_with_few_and_many_courses(
    client, manager, trainee, catalogue, django_assert_max_num_queries
):
    client.force_login(manager.user)
    url = reverse("people:record", args=[trainee.pk])
    counts = []
    made = 0
    for size in (2, 15):
        while made < size:
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"課程{made}", slug=f"c{made}", objectives="x", audience="y"
                )
            )
            first = lesson(course, 1)
            lesson(course, 2)
            enrollment_create(person=trainee, course=course)
            lesson_complete(person=trainee, page=first)
            made += 1
        # 22, and one for each of the sections of business figures, training plans,
        # the follow-up after training, 兩案例 (the person's submitted cases) and the
        # certificates.
        counts.append(queries_of(client, url, 27, django_assert_max_num_queries))
    assert counts[0] == counts[1], f"{counts[0]} queries with few courses, {counts[1]} with many"
