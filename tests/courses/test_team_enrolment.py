"""A manager enrols their people on a course from the course page: ticking
nobody says so; each person on the course shows their progress."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from people.roles import GROUP_NAMES, Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

from .conftest import lesson, risk_review

pytestmark = pytest.mark.django_db


def test_enrolling_with_nobody_ticked_says_so(client, manager, trainee, course):
    client.force_login(manager.user)
    response = client.post(
        reverse("courses:enroll_team", args=[course.pk]), {}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nobody was ticked, so nobody was enrolled." in html
    assert response.redirect_chain[-1][0].endswith("#team-enrolment")
    assert not Enrollment.objects.exists()


def test_each_enrolled_person_shows_their_progress(client, manager, trainee, course, org):
    other = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    enrollment_create(person=trainee, course=course)
    enrollment_create(person=other, course=course)
    lesson_complete(person=trainee, page=course.get_children().first().specific)
    client.force_login(manager.user)
    html = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    team = re.search(
        r'<section class="panel" id="team-enrolment">(.*?)</section>', html, re.S
    ).group(1)
    mine = re.search(rf"{trainee.name}</a>(.*?)</li>", team, re.S).group(1)
    theirs = re.search(rf"{other.name}</a>(.*?)</li>", team, re.S).group(1)
    assert '<progress max="100" value="50"' in mine and "1 of 2 done (50%)" in mine
    assert '<progress max="100" value="0"' in theirs and "0 of 2 done (0%)" in theirs
    assert f'href="{reverse("people:record", args=[trainee.pk])}"' in team


def test_progress_counts_only_the_pages_each_person_may_read(client, manager, trainee, course):
    review = risk_review(course, "授信案例", "review-1", "restricted")
    enrollment_create(person=trainee, course=course)
    client.force_login(manager.user)
    html = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert PageViewRestriction.objects.filter(page=review).exists()
    # The restricted review (risk experts and managers only) is not one of the trainee's pages.
    assert "0 of 2 done (0%)" in html


@pytest.mark.parametrize(("few", "many"), [(3, 30)])
def test_course_page_of_a_manager_query_budget(
    client, manager, course, org, few, many, django_assert_max_num_queries
):
    lesson(course, 3)
    group = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
    restriction = PageViewRestriction.objects.create(
        page=course.get_children().last(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    client.force_login(manager.user)
    people, counts = [], []
    for size in (few, many):
        while len(people) < size:
            person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
            enrollment_create(person=person, course=course)
            lesson_complete(person=person, page=course.get_children().first().specific)
            people.append(person)
        counts.append(queries_of(client, course.url, 40, django_assert_max_num_queries))
    assert counts[0] == counts[1], f"{counts[0]} queries with {few} people, {counts[1]} with {many}"


def test_a_reader_who_manages_nobody_gets_no_team_section(client, trainee, course, monkeypatch):
    """Building even an empty query of their people cost a trainee's course page
    a twentieth of its CPU: someone who manages no unit is not asked about one."""
    from courses.selectors import progress

    def refused(user):
        raise AssertionError("team_members asked for someone who manages nobody")

    monkeypatch.setattr(progress, "team_members", refused)
    client.force_login(trainee.user)
    response = client.get(course.url)
    assert response.status_code == 200
    assert 'id="team-enrolment"' not in response.content.decode()
