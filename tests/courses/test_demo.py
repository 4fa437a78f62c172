"""The demo's courses: what load_demo_data builds, that every page of it
renders for the people it is meant for, and that loading again changes nothing."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Revision, Task, Workflow

from courses import demo
from courses.authoring import AREAS
from courses.models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
    RiskCaseReviewPage,
    RiskFactor,
    RiskReviewCoursePage,
)
from courses.models.risk import Confidentiality

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_loaded():
    load()


def course(slug) -> CoursePage:
    return CoursePage.objects.get(slug=slug)


def snapshot() -> dict:
    """Everything the courses demo writes, counted."""
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "decision_points": DecisionPoint.objects.count(),
        "risk_factors": RiskFactor.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


def test_the_three_courses_are_there(demo_loaded):
    catalogue = CourseIndexPage.objects.get()
    assert catalogue.slug == "courses" and catalogue.live and catalogue.intro
    assert catalogue.get_parent().pk == demo._site_root().pk

    winning = course("winning-enterprise-customers")
    assert winning.get_parent().pk == catalogue.pk
    lessons = LessonPage.objects.child_of(winning)
    assert lessons.count() == 2
    for lesson in lessons:
        assert {"markdown", "key_points", "discussion"} <= {b.block_type for b in lesson.body}
    cases = CaseStudyPage.objects.child_of(winning).live()  # the demo 兩案例 adds a draft
    assert cases.count() == 3
    assert cases.filter(outcome="failure").exists()
    for case in cases:
        assert case.timeline and case.industry and case.product and case.lessons_learned
        points = case.decision_points.all()
        assert points and all(len(p.option_list) >= 2 and p.expert_answer for p in points)


def test_the_deposit_course_ends_with_the_drill(demo_loaded):
    deposits = course("deposit-products")
    assert deposits.final_drill.title == "存款產品一口清"
    assert deposits.completion_rule == "lessons_and_drill"
    embedded = [
        block.value["drill"]
        for lesson in LessonPage.objects.child_of(deposits)
        for block in lesson.body
        if block.block_type == "drill"
    ]
    assert embedded == [deposits.final_drill]


def test_the_risk_reviews(demo_loaded):
    risk_course = RiskReviewCoursePage.objects.get(slug="risk-reviews")
    assert risk_course.get_parent().pk == demo._site_root().pk
    reviews = RiskCaseReviewPage.objects.child_of(risk_course).live()
    assert reviews.count() == 4
    assert reviews.filter(decision="approved").count() == 2
    assert reviews.filter(decision="rejected").count() == 2
    assert reviews.filter(decision="approved", later_status="defaulted").count() == 1
    assert reviews.filter(confidentiality=Confidentiality.RESTRICTED).count() == 1
    assert reviews.filter(confidentiality=Confidentiality.CONFIDENTIAL).count() == 3
    for review in reviews:
        assert review.reviewing_expert.employee_id in {"D0002", "D0003"}
        assert review.risk_factors.exists()
        assert review.customer_manager_view and review.risk_manager_view and review.later_notes
    assert set(RiskFactor.objects.values_list("name", flat=True)) >= {
        "行業周期風險",
        "擔保不足",
        "關聯交易",
        "現金流不足",
        "財務數據失真",
    }


def test_cases_and_reviews_name_no_real_customer(demo_loaded):
    from courses.anonymisation import names_found_in, protected_names

    assert protected_names()  # the territory fact sheet of the quizzes demo is there
    for page in [*CaseStudyPage.objects.all(), *RiskCaseReviewPage.objects.all()]:
        assert names_found_in(page) == [], page.title


def test_every_page_renders_for_a_trainee(client, demo_loaded):
    client.login(username="trainee", password="lianbing-demo")
    pages = [CourseIndexPage.objects.get()]
    pages += CoursePage.objects.live()  # the risk review course too: it is a CoursePage
    pages += LessonPage.objects.live()
    pages += CaseStudyPage.objects.live()
    pages += RiskCaseReviewPage.objects.live().exclude(confidentiality="restricted")
    assert len(pages) == 1 + 3 + 4 + 3 + 3
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode(), page.url


def test_restricted_reviews_are_for_risk_experts(client, demo_loaded):
    restricted = RiskCaseReviewPage.objects.get(confidentiality="restricted")
    client.login(username="trainee", password="lianbing-demo")
    assert client.get(restricted.url).status_code == 404
    client.login(username="risk", password="lianbing-demo")
    response = client.get(restricted.url)
    assert response.status_code == 200
    assert restricted.title in response.content.decode()


def test_a_second_load_changes_nothing(demo_loaded):
    before = snapshot()
    load()
    assert snapshot() == before


def test_reset_rebuilds():
    load()
    winning = course("winning-enterprise-customers")
    winning.title = "改過的標題"
    winning.save_revision().publish()
    CaseStudyPage.objects.filter(slug="supermarket-chain-price-war").first().delete()
    load("--reset")
    assert course("winning-enterprise-customers").title == demo.WINNING_COURSE["title"]
    assert CaseStudyPage.objects.live().count() == 3
    assert RiskCaseReviewPage.objects.live().count() == 4
    assert CoursePage.objects.get(slug="deposit-products").final_drill is not None


def test_clear_removes_what_build_adds(demo_loaded):
    demo.clear(log=lambda *_: None)
    assert not CourseIndexPage.objects.exists()
    assert not CoursePage.objects.exists()
    assert not RiskFactor.objects.exists()
    ours = [area[2] for area in AREAS.values()], [area[3] for area in AREAS.values()]
    assert not Workflow.objects.filter(name__in=ours[0]).exists()
    assert not Task.objects.filter(name__in=ours[1]).exists()
    pages = [str(pk) for pk in Page.objects.values_list("pk", flat=True)]
    assert not Revision.page_revisions.exclude(object_id__in=pages).exists()
    demo.build(log=lambda *_: None)
    assert CoursePage.objects.count() == 3
