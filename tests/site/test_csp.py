"""Every HTML page answers with a Content-Security-Policy that allows no inline
script; the admin has its own policy; files and JSON are left alone."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site

from courses.models import CourseIndexPage
from tests.courses.conftest import lesson, risk_review
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_front_end_policy(response):
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert all(source == "'self'" or source.startswith("'nonce-") for source in script)
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.fixture
def world(org, trainee, manager):
    return build_pages(org)


def build_pages(org) -> dict[str, str]:
    """A course with a lesson and a case, a risk review and a drill: their addresses."""
    from courses.models import CaseStudyPage, CoursePage, DecisionPoint, RiskReviewCoursePage

    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="贏得企業客戶", slug="winning", objectives="學會分析", audience="客戶經理"
        )
    )
    first = lesson(course, 1)
    case = CaseStudyPage(
        title="某企業授信",
        slug="case-1",
        client_profile="製造企業",
        situation="客戶申請授信",
        how_it_went="最終放款",
        outcome="failure",
        lessons_learned="看現金流",
    )
    case.decision_points = [
        DecisionPoint(
            prompt="是否受理？",
            options="受理\n不受理",
            expert_answer="先核實",
            actual_outcome="逾期",
        )
    ]
    course.add_child(instance=case)
    reviews = root.add_child(
        instance=RiskReviewCoursePage(
            title="風險案例", slug="risk-reviews", objectives="換位思考", audience="客戶經理"
        )
    )
    review = risk_review(reviews, "授信案例甲", "case-a", "internal")
    drill = drill_make([question_make(stem=f"題{i}") for i in range(3)])
    PersonFactory(unit=org["pudong_team"])
    return {
        "course": course.url,
        "lesson": first.url,
        "case": case.url,
        "catalogue": catalogue.url,
        "review": review.url,
        "drill": reverse("quizzes:drill_take", args=[drill.pk]),
    }


TRAINEE_PAGES = [
    "/",
    "/drills/",
    "drill",
    "/search/?q=客戶",
    "catalogue",
    "course",
    "lesson",
    "case",
    "review",
    "/drills/facts/",
    "/accounts/password/",
    "/api/docs",
]
MANAGER_PAGES = ["/drills/morning/", "/drills/team/", "/people/team/"]


@pytest.mark.parametrize("page", TRAINEE_PAGES)
def test_every_page_a_trainee_opens_has_the_policy(client, world, trainee, page):
    client.force_login(trainee.user)
    response = client.get(world.get(page, page))
    assert response.status_code == 200, page
    assert_front_end_policy(response)


@pytest.mark.parametrize("page", MANAGER_PAGES)
def test_manager_pages_have_the_policy(client, world, manager, page):
    client.force_login(manager.user)
    response = client.get(page)
    assert response.status_code == 200, page
    assert_front_end_policy(response)


@pytest.mark.parametrize(
    "page", ["/accounts/login/", "/courses/", "/no-such-page/"], ids=["login", "catalogue", "404"]
)
def test_pages_for_visitors_have_the_policy(client, world, page):
    response = client.get(page)
    assert response.status_code in (200, 404)
    assert_front_end_policy(response)


def test_the_pause_page_and_error_pages_have_the_policy(client, django_user_model, settings):
    django_user_model.objects.create_user("victim", password="right-password-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": "victim", "password": "wrong"})
    assert response.status_code == 429
    assert_front_end_policy(response)


def test_each_response_has_its_own_nonce_when_a_template_asks_for_one(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from hostsite.csp import ContentSecurityPolicyMiddleware

    nonces = set()
    for _ in range(2):
        request = rf.get("/")
        middleware = ContentSecurityPolicyMiddleware(lambda r: HttpResponse(str(r.csp_nonce)))
        response = middleware(request)
        nonce = response.content.decode()
        assert f"'nonce-{nonce}'" in directives(response)["script-src"]
        nonces.add(nonce)
    assert len(nonces) == 2
    assert issubclass(ContentSecurityPolicyMiddleware, CSPMiddleware)


def test_the_admin_has_its_own_policy(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", password="x")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    # Wagtail's admin writes inline scripts and styles: allowed there only.
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_json_and_files_get_no_policy(client, trainee):
    client.force_login(trainee.user)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


@override_settings(
    CONTENT_SECURITY_POLICY={
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "video.bank.example"]}
    }
)
def test_the_policy_comes_from_the_setting(client):
    response = client.get("/accounts/login/")
    assert directives(response)["img-src"] == ["'self'", "video.bank.example"]


def test_allowed_markdown_hosts_may_serve_images_and_videos(monkeypatch):
    """settings/base.py builds img-src and media-src from MARKUP_ALLOWED_HOSTS."""
    import importlib
    import os

    monkeypatch.setenv("MARKUP_ALLOWED_HOSTS", "video.bank.example,.cdn.bank.example")
    from hostsite.settings import base

    try:
        reloaded = importlib.reload(base)
        policy = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        for directive in ("img-src", "media-src"):
            assert "video.bank.example" in policy[directive]
            assert "cdn.bank.example" in policy[directive]
            assert "*.cdn.bank.example" in policy[directive]
    finally:
        monkeypatch.delenv("MARKUP_ALLOWED_HOSTS")
        importlib.reload(base)
    assert os.environ.get("MARKUP_ALLOWED_HOSTS") is None
    assert not re.search(r"bank\.example", str(base.CONTENT_SECURITY_POLICY))


def test_morning_session_attempt_and_fact_sheet_pages_have_the_policy(
    client, world, manager, trainee, org
):
    from quizzes.models import Drill
    from quizzes.services.attempts import attempt_finish, attempt_start
    from quizzes.services.morning import morning_start

    drill = Drill.objects.get()
    session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
    attempt = attempt_start(drill=drill, person=trainee)
    attempt_finish(attempt_id=attempt.pk, person=trainee)

    client.force_login(trainee.user)
    response = client.get(reverse("quizzes:attempt_detail", args=[attempt.pk]))
    assert response.status_code == 200
    assert_front_end_policy(response)

    client.force_login(manager.user)
    for url in [
        reverse("quizzes:morning_session", args=[session.pk]),
        "/drills/facts/sheets/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_front_end_policy(response)
