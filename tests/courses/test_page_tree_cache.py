"""What serving a page keeps between requests (courses.page_tree_cache): the
route to a page, the tree's view restrictions and the navigation built from
them. Each change is seen on the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from courses.confidentiality import hidden_subtree_paths, page_hidden_from
from courses.page_tree_cache import restrictions_now
from people.roles import GROUP_NAMES, Role
from people.selectors import user_group_ids
from tests.budgets import queries_of
from tests.factories import PersonFactory
from tests.spies import calls_of

from .conftest import risk_review

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_renamed_page_moves_to_its_new_address(trainee, course):
    client = signed_in(trainee.user)
    lesson = course.get_children().first().specific
    old = lesson.url
    assert client.get(old).status_code == 200
    assert f'href="{old}"' in client.get(course.url).content.decode()
    lesson.slug = "renamed"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.url != old
    assert client.get(old).status_code == 404
    assert client.get(lesson.url).status_code == 200
    course_page = client.get(course.url).content.decode()  # its link follows the page
    assert f'href="{lesson.url}"' in course_page and f'href="{old}"' not in course_page


def test_an_unpublished_page_is_gone_on_the_next_request(trainee, course):
    client = signed_in(trainee.user)
    lesson = course.get_children().first().specific
    url = lesson.url
    assert client.get(url).status_code == 200
    lesson.unpublish()
    assert client.get(url).status_code == 404


def test_a_restriction_added_is_enforced_on_the_next_request(trainee, course):
    client = signed_in(trainee.user)
    assert client.get(course.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    assert client.get(course.url).status_code == 404
    lesson_url = course.get_children().first().url
    assert client.get(lesson_url).status_code == 404


def test_a_group_added_to_a_restriction_is_seen(trainee, course):
    client = signed_in(trainee.user)
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    assert client.get(course.url).status_code == 404
    restriction.groups.add(Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]))
    assert client.get(course.url).status_code == 200
    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_role_given_opens_the_risk_reviews(reviews, trainee):
    client = signed_in(trainee.user)
    restricted = reviews["restricted"].url
    assert client.get(restricted).status_code == 404
    trainee.user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT]))
    assert client.get(restricted).status_code == 200


def test_the_navigation_follows_the_restrictions(reviews, trainee):
    client = signed_in(trainee.user)
    course_url = reviews["course"].url
    assert f'href="{course_url}"' in client.get("/").content.decode()
    restriction = PageViewRestriction.objects.get(page=reviews["course"])
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    assert f'href="{course_url}"' not in client.get("/").content.decode()


def test_the_confidentiality_check_costs_the_same_for_many_reviews(
    reviews, trainee, django_assert_num_queries
):
    """One look-up per level of the path once this process holds the tree's
    restrictions, whether there are a few or many restricted reviews."""
    counts = []
    for size in (2, 40):
        while reviews["course"].get_children().count() < size:
            number = reviews["course"].get_children().count()
            risk_review(reviews["course"], f"案例{number}", f"more-{number}", "restricted")
        restrictions_now()  # read once per generation
        user_group_ids(trainee.user)  # read once per request, with the reader
        with django_assert_num_queries(0):
            assert page_hidden_from(trainee.user, reviews["restricted"])
            assert not page_hidden_from(trainee.user, reviews["confidential"])
            hidden = hidden_subtree_paths(trainee.user)
        counts.append(len(hidden))
    # Only the topmost hidden pages: the restricted reviews, one path each.
    assert counts[1] > counts[0]


def test_the_risk_review_page_queries_do_not_grow_with_the_reviews(
    client, reviews, org, django_assert_max_num_queries
):
    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    client.force_login(expert.user)
    counts = []
    for size in (3, 30):
        while reviews["course"].get_children().count() < size:
            number = reviews["course"].get_children().count()
            risk_review(reviews["course"], f"案例{number}", f"more-{number}", "restricted")
        counts.append(
            queries_of(client, reviews["restricted"].url, 14, django_assert_max_num_queries)
        )
    assert counts[0] == counts[1]


def test_the_site_is_looked_up_once_per_generation(trainee, course, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(trainee.user)
    assert client.get(course.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(course.url)
    assert response.status_code == 200
    assert not [q for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]
    lesson = course.get_children().first()
    assert f'href="{lesson.url}"' in response.content.decode()


def test_a_site_changed_or_added_is_seen_on_the_next_request(course, rf, settings):
    from wagtail.models import Site

    from courses.page_tree_cache import site_for_request

    request = rf.get(course.url, HTTP_HOST="testserver")
    assert site_for_request(request).site_name == Site.objects.get(is_default_site=True).site_name
    site = Site.objects.get(is_default_site=True)
    site.site_name = "改名的站台"
    site.save()
    assert site_for_request(rf.get(course.url)).site_name == "改名的站台"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    Site.objects.create(hostname="other.example", port=80, root_page=course, site_name="另一站")
    other = site_for_request(rf.get(course.url, HTTP_HOST="other.example"))
    assert other is not None and other.hostname == "other.example"


def test_a_lesson_added_or_retitled_shows_on_the_course_on_the_next_request(trainee, course):
    from .conftest import lesson as lesson_add

    client = signed_in(trainee.user)
    assert "第3課" not in client.get(course.url).content.decode()
    lesson_add(course, 3)
    assert "第3課" in client.get(course.url).content.decode()
    first = course.get_children().first().specific
    first.title = "改名的一課"
    first.save_revision().publish()
    page = client.get(course.url).content.decode()
    assert "改名的一課" in page and "第1課" not in page


def test_a_prerequisite_added_shows_on_the_course_on_the_next_request(trainee, course, catalogue):
    from courses.models import CoursePage

    client = signed_in(trainee.user)
    before = CoursePage(
        title="先修的課", slug="first-course", objectives="先修", audience="客戶經理"
    )
    catalogue.add_child(instance=before)
    assert "先修的課" not in client.get(course.url).content.decode()
    course.prerequisites.add(before)
    course.save_revision().publish()
    assert "先修的課" in client.get(course.url).content.decode()


def test_the_course_page_reads_no_page_from_the_database(
    trainee, course, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(trainee.user)
    assert client.get(course.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(course.url).status_code == 200
    # (The reader's progress joins the pages they have done; no page is read.)
    pages_read = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "wagtailcore_page"' in q["sql"] or '"courses_coursepage"' in q["sql"]
    ]
    assert not pages_read


def test_a_decision_point_added_to_a_case_shows_on_the_next_request(trainee, case):
    from courses.models import DecisionPoint

    client = signed_in(trainee.user)
    assert "是否追加擔保？" not in client.get(case.url).content.decode()
    case.decision_points.add(
        DecisionPoint(prompt="是否追加擔保？", options="要\n不要", expert_answer="要")
    )
    case.save_revision().publish()
    assert "是否追加擔保？" in client.get(case.url).content.decode()


def test_a_course_retitled_shows_on_the_home_page_of_its_learners_next(trainee, course):
    from courses.services.learning import enrollment_create

    enrollment_create(person=trainee, course=course, by=trainee.user)
    client = signed_in(trainee.user)
    assert course.title in client.get("/").content.decode()
    course.title = "改名的課程"
    course.save_revision().publish()
    html = client.get("/").content.decode()
    assert "改名的課程" in html and "贏得企業客戶" not in html


def test_a_reviews_progress_counts_only_the_reviews_its_reader_may_read(reviews, trainee, org):
    """The progress under a review counts the course's pages the reader may
    read, worked out once per set of hidden subtrees: a risk expert's count
    kept first must not become a trainee's."""
    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    url = reviews["confidential"].url
    expert_page = signed_in(expert.user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    trainee_page = signed_in(trainee.user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0 of 2 done" in expert_page
    assert "0 of 1 done" in trainee_page


def test_serving_a_restricted_page_reads_no_restriction_rows(client, reviews, org):
    """The restrictions above a served page come from the tree's restrictions
    kept per generation (KnownRestrictionsPage.hold_view_restrictions)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    client.force_login(expert.user)
    url = reviews["restricted"].url
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    table = PageViewRestriction._meta.db_table
    assert [q["sql"] for q in captured.captured_queries if table in q["sql"]] == []
    assert response.headers["Cache-Control"].startswith("max-age=0"), "restricted: never cached"


def test_a_risk_factor_renamed_or_added_shows_on_the_next_request(trainee, reviews):
    from courses.models import RiskFactor

    client = signed_in(trainee.user)
    review = reviews["confidential"]
    factor = RiskFactor.objects.create(name="應收賬款集中", description="")
    review.risk_factors.set([factor])
    review.save_revision().publish()
    assert "應收賬款集中" in client.get(review.url).content.decode()
    factor.name = "應收賬款過度集中"
    factor.save()
    html = client.get(review.url).content.decode()
    assert "應收賬款過度集中" in html
    added = RiskFactor.objects.create(name="擔保鏈風險", description="")
    review.risk_factors.add(added)
    review.save_revision().publish()
    assert "擔保鏈風險" in client.get(review.url).content.decode()
    added.delete()
    assert "擔保鏈風險" not in client.get(review.url).content.decode()


def test_the_risk_review_page_reads_its_factors_once_per_generation(trainee, reviews):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import RiskFactor

    client = signed_in(trainee.user)
    review = reviews["confidential"]
    review.risk_factors.set([RiskFactor.objects.create(name="現金流不足", description="")])
    review.save_revision().publish()
    assert client.get(review.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(review.url)
    assert response.status_code == 200 and "現金流不足" in response.content.decode()
    table = RiskFactor._meta.db_table
    assert [q["sql"] for q in captured.captured_queries if table in q["sql"]] == []


def test_a_preview_shows_the_drafts_own_risk_factors(rf, trainee, reviews):
    from courses.models import RiskCaseReviewPage, RiskFactor

    review = reviews["confidential"]
    published, drafted = (RiskFactor.objects.create(name=n, description="") for n in "甲乙")
    review.risk_factors.set([published])
    review.save_revision().publish()
    request = rf.get(review.url)
    request.user = trainee.user
    page = RiskCaseReviewPage.objects.get(pk=review.pk)
    assert [f.name for f in page.get_context(request)["risk_factors"]] == ["甲"]
    page.risk_factors = [drafted]  # a draft's factors, not saved
    request.is_preview = True
    assert [f.name for f in page.get_context(request)["risk_factors"]] == ["乙"]


def test_a_page_of_links_checks_its_host_once(rf, course, monkeypatch):
    """get_host checks ALLOWED_HOSTS each time: the course page's dozen links
    ask once per request, and the next request asks again."""
    from django.http import HttpRequest

    from courses.page_tree_cache import page_href_for

    lessons = [page.specific for page in course.get_children()]
    assert len(lessons) >= 2
    first = [page_href_for(rf.get("/", HTTP_HOST="localhost"), lesson) for lesson in lessons]
    assert first == [lesson.url for lesson in lessons]  # now held for this generation
    asked = calls_of(monkeypatch, HttpRequest, "get_host")
    request = rf.get("/", HTTP_HOST="localhost")
    assert [page_href_for(request, lesson) for lesson in lessons] == first
    assert len(asked) == 1
    page_href_for(rf.get("/", HTTP_HOST="localhost"), lessons[0])
    assert len(asked) == 2
