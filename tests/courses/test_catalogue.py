"""The course catalogue: open to visitors who are not signed in and cached for
them, searchable, filtered, and never listing what the reader may not see."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import CoursePage, LessonPage
from people.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


def add_course(catalogue, title, slug, **fields):
    fields.setdefault("objectives", "目標")
    fields.setdefault("audience", "客戶經理")
    return catalogue.add_child(instance=CoursePage(title=title, slug=slug, **fields))


def test_a_visitor_who_is_not_signed_in_sees_the_catalogue_but_not_the_courses(
    client, catalogue, course
):
    response = client.get(catalogue.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert course.title in html
    assert f"{reverse('login')}?next=" in html  # a way in
    assert client.get(course.url).status_code == 302


def test_the_second_anonymous_visit_comes_from_the_cache(
    client, catalogue, course, django_assert_num_queries
):
    client.get(catalogue.url)
    # Answered before Wagtail's site look-up and routing: not one query.
    with django_assert_num_queries(0):
        response = client.get(catalogue.url)
    assert response.status_code == 200 and course.title in response.content.decode()
    assert client.get(catalogue.url + "?format=classroom").status_code == 200  # not cached yet


def test_other_pages_are_served_as_before(client, catalogue, course):
    client.get(catalogue.url)
    assert client.get(course.url).status_code == 302  # the course still asks to log in
    assert client.get("/no-such-page/").status_code == 404


def test_publishing_and_unpublishing_show_at_once(client, catalogue, course):
    client.get(catalogue.url)
    new = add_course(catalogue, "新產品速覽", "new")
    assert "新產品速覽" in client.get(catalogue.url).content.decode()
    new.unpublish()
    assert "新產品速覽" not in client.get(catalogue.url).content.decode()
    course.title = "贏得企業客戶（第二版）"
    course.save_revision().publish()
    assert "贏得企業客戶（第二版）" in client.get(catalogue.url).content.decode()


def test_each_language_and_address_has_its_own_page(client, catalogue, course):
    assert 'lang="zh-hant"' in client.get(catalogue.url).content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in english.get(catalogue.url).content.decode()
    assert 'lang="zh-hant"' in client.get(catalogue.url).content.decode()
    assert course.title not in client.get(catalogue.url + "?format=classroom").content.decode()


def test_a_cached_page_carries_a_working_csrf_token_for_each_visitor(catalogue, course):
    Client().get(catalogue.url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(catalogue.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = visitor.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_signed_in_staff_never_get_the_anonymous_page(client, trainee, catalogue, course):
    Client().get(catalogue.url)
    client.force_login(trainee.user)
    html = client.get(catalogue.url).content.decode()
    assert trainee.name in html  # their own header, not the cached visitor's


def test_waiting_messages_are_shown_not_cached(client, catalogue, course):
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get(catalogue.url)
    storage = CookieStorage(None)
    from django.contrib.messages import Message, constants

    encoded = storage._encode([Message(constants.INFO, "歡迎再來")])
    client.cookies["messages"] = encoded
    assert "歡迎再來" in client.get(catalogue.url).content.decode()


def test_a_restricted_course_is_listed_only_for_its_groups(client, trainee, org, catalogue, course):
    secret = add_course(catalogue, "分行長專班", "heads-only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.MANAGER])])
    assert "分行長專班" not in client.get(catalogue.url).content.decode()
    client.force_login(trainee.user)
    assert "分行長專班" not in client.get(catalogue.url).content.decode()
    from tests.factories import PersonFactory

    head = PersonFactory(unit=org["branch"], user__roles=[Role.MANAGER])
    client.force_login(head.user)
    assert "分行長專班" in client.get(catalogue.url).content.decode()


def test_a_new_restriction_drops_the_course_from_the_cached_page(client, catalogue, course):
    assert course.title in client.get(catalogue.url).content.decode()
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert course.title not in client.get(catalogue.url).content.decode()


def test_search_finds_courses_by_their_own_text_and_their_lessons(
    client, trainee, catalogue, course
):
    risky = add_course(catalogue, "授信入門", "credit", objectives="認識授信流程")
    quiet = add_course(catalogue, "禮儀", "manners", objectives="接待客戶")
    risky_lesson_course = add_course(catalogue, "貸後管理", "after-loan")
    risky_lesson_course.add_child(
        instance=LessonPage(
            title="預警信號", slug="signals", body=[("markdown", "風險預警信號與授信後檢查")]
        )
    )
    call_command("update_index", verbosity=0)
    client.force_login(trainee.user)
    html = client.get(catalogue.url, {"q": "授信"}).content.decode()
    assert risky.title in html and risky_lesson_course.title in html
    assert quiet.title not in html and course.title not in html
    assert risky_lesson_course.title in client.get(catalogue.url, {"q": "风险"}).content.decode()
    assert "禮儀" not in client.get(catalogue.url, {"q": "風險"}).content.decode()


def test_pages_keep_the_filters(client, catalogue):
    for n in range(14):
        add_course(catalogue, f"課程{n:02d}", f"c{n}", course_format="classroom")
    html = client.get(catalogue.url, {"format": "classroom", "q": ""}).content.decode()
    assert "page=2" in html and "format=classroom" in html


def test_wagtails_privacy_setting_closes_the_catalogue(client, trainee, catalogue, course):
    client.get(catalogue.url)  # cached while open
    PageViewRestriction.objects.create(page=catalogue, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(catalogue.url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(trainee.user)
    assert course.title in client.get(catalogue.url).content.decode()


def test_the_topic_filter_offers_only_the_topics_of_courses_listed_here(
    client, catalogue, course, reviews
):
    from quizzes.models import Topic

    products = Topic.objects.create(name="存款產品", code="deposits")
    credit = Topic.objects.create(name="授信風險", code="credit-risk")
    course.topics.add(products)
    course.save_revision().publish()
    reviews["course"].topics.add(credit)
    reviews["course"].save_revision().publish()
    html = client.get(catalogue.url).content.decode()
    assert f'<option value="{products.pk}"' in html
    assert f'<option value="{credit.pk}"' not in html
    assert course.title in client.get(catalogue.url, {"topic": products.pk}).content.decode()
    assert course.title not in client.get(catalogue.url, {"topic": credit.pk}).content.decode()


@pytest.mark.parametrize("topic", ["²", "-1", "1.5", "x", "99999999999999999999"])
def test_odd_filters_are_ignored_not_crashed_on(client, catalogue, course, topic):
    response = client.get(catalogue.url, {"topic": topic, "page": "²", "format": "<b>"})
    assert response.status_code == 200


def test_a_site_change_is_seen_at_once(client, catalogue, course):
    from wagtail.models import Site

    client.get(catalogue.url)
    site = Site.objects.get(is_default_site=True)
    site.root_page = catalogue
    site.save()
    assert client.get(catalogue.url).status_code == 404  # /courses/ now lies under /


def test_a_host_serving_pages_the_wagtail_way_still_gets_the_cache(
    catalogue, course, django_assert_max_num_queries
):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from wagtail import views as wagtail_views

    def visit():
        request = RequestFactory().get(catalogue.url)
        request.user = AnonymousUser()
        return wagtail_views.serve(request, catalogue.url.lstrip("/"))

    first = visit()
    first.render()
    with django_assert_max_num_queries(8):  # routing and restrictions only
        second = visit()
    assert course.title in second.content.decode()
    assert not isinstance(second, type(first))  # the kept page, not a new rendering


def test_a_search_that_finds_nothing_offers_every_course(client, trainee, catalogue, course):
    client.force_login(trainee.user)
    response = client.get(catalogue.url, {"q": "沒有這門課", "audience": "無人"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "沒有符合條件的課程。" in html
    assert f'<a href="{catalogue.url}">顯示全部課程</a>' in html


def test_the_unfiltered_catalogue_does_not_offer_every_course_again(client, trainee, catalogue):
    client.force_login(trainee.user)
    response = client.get(catalogue.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No course matches." in html
    assert "Show every course" not in html
