"""The whole catalogue's pages kept for signed-in readers per page tree
generation and per set of hidden subtrees (courses.selectors.catalogue):
each reader sees only what they may, and every change shows on the next
request."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from people.roles import GROUP_NAMES, Role
from tests.budgets import session_queries
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_course(catalogue, title, slug):
    return catalogue.add_child(
        instance=CoursePage(title=title, slug=slug, objectives="目標", audience="客戶經理")
    )


def test_the_second_signed_in_view_of_the_catalogue_asks_nothing(
    trainee, catalogue, course, django_assert_num_queries
):
    client = signed_in(trainee.user)
    assert client.get(catalogue.url).status_code == 200
    with django_assert_num_queries(session_queries()):
        response = client.get(catalogue.url)
    assert response.status_code == 200 and course.title in response.content.decode()


def test_the_kept_catalogue_builds_no_query_set(trainee, catalogue, course, monkeypatch):
    """Building the readable courses' query set, even unrun, was a sixth of the
    kept catalogue page's CPU: it is built only when the page is not kept."""
    from courses.selectors import catalogue as selectors

    client = signed_in(trainee.user)
    assert client.get(catalogue.url).status_code == 200

    def refused(index, user):
        raise AssertionError("a query set built for a kept catalogue page")

    monkeypatch.setattr(selectors, "_readable_courses", refused)
    response = client.get(catalogue.url)
    assert response.status_code == 200 and course.title in response.content.decode()


def test_a_course_restricted_to_a_group_stays_hidden_from_others_after_a_member_read(
    trainee, catalogue, course, org
):
    secret = add_course(catalogue, "只給風險專家的課", "experts-only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    expert = PersonFactory(unit=org["pudong_team"], user__roles=[Role.RISK_EXPERT])
    assert "只給風險專家的課" in signed_in(expert.user).get(catalogue.url).content.decode()
    html = signed_in(trainee.user).get(catalogue.url).content.decode()
    assert course.title in html and "只給風險專家的課" not in html


def test_a_course_published_or_a_topic_renamed_shows_on_the_next_request(
    trainee, catalogue, course
):
    from quizzes.models import Topic

    topic = Topic.objects.create(name="存款產品", code="deposits")
    course.topics.add(topic)
    course.save_revision().publish()
    client = signed_in(trainee.user)
    assert "存款產品" in client.get(catalogue.url).content.decode()
    add_course(catalogue, "新開的課", "new-course")
    topic.name = "理財產品"
    topic.save()
    html = client.get(catalogue.url).content.decode()
    assert "新開的課" in html and "理財產品" in html and "存款產品" not in html


def test_each_page_of_the_catalogue_is_its_own(trainee, catalogue):
    for n in range(14):
        add_course(catalogue, f"課程{n:02d}", f"c{n}")
    client = signed_in(trainee.user)
    first = client.get(catalogue.url).content.decode()
    second = client.get(catalogue.url, {"page": "2"}).content.decode()
    assert "課程00" in first and "課程00" not in second
    assert "課程13" in second and "課程13" not in first
    assert "2 / 2" in second
    assert client.get(catalogue.url, {"page": "999"}).status_code == 200


def test_the_hidden_set_digest_is_per_set_and_follows_a_new_restriction(trainee, catalogue, org):
    from courses.confidentiality import hidden_subtrees_digest

    expert = PersonFactory(unit=org["pudong_team"], user__roles=[Role.RISK_EXPERT])
    colleague = PersonFactory(unit=org["pudong_team"])
    assert hidden_subtrees_digest(trainee.user) == hidden_subtrees_digest(colleague.user)
    secret = add_course(catalogue, "只給風險專家的課", "experts-only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    assert hidden_subtrees_digest(trainee.user) != hidden_subtrees_digest(expert.user)
    assert hidden_subtrees_digest(trainee.user) == hidden_subtrees_digest(colleague.user)
