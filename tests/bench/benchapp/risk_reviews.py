"""The risk case reviews of the bench: a risk review course with the review the
`review-trainee` scenario reads (confidential: customer managers read it), and
as many more as BENCH_RISK_REVIEWS asks (restricted and confidential in turn),
so the confidentiality check is measured with 10 reviews or with 5,000."""

import datetime

from wagtail.models import Page, Site

from courses.models import RiskCaseReviewPage, RiskReviewCoursePage
from tests.bench.scenarios import REVIEW_COURSE_SLUG, REVIEW_SLUG, REVIEW_TITLE


def _review(title: str, slug: str, level: str) -> RiskCaseReviewPage:
    return RiskCaseReviewPage(
        title=title,
        slug=slug,
        confidentiality=level,
        application_summary="某精密製造企業申請 3,000 萬元流動資金貸款，期限一年，以應收賬款質押。",
        decision="approved",
        rationale="- 經營現金流連續三年為正\n- 主要客戶為整車廠，回款穩定",
        later_status="performing",
        customer_manager_view="客戶代發工資已在我行，**現金流看得見**。",
        risk_manager_view="關注行業周期與單一客戶依賴。",
        review_date=datetime.date(2026, 10, 15),
    )


def risk_reviews_ensure(count: int) -> Page:
    """The risk review course with at least `count` reviews; returns the course."""
    root = Site.objects.get(is_default_site=True).root_page
    course = RiskReviewCoursePage.objects.filter(slug=REVIEW_COURSE_SLUG).first()
    if course is None:
        course = root.add_child(
            instance=RiskReviewCoursePage(
                title="壓測風險案例解析",
                slug=REVIEW_COURSE_SLUG,
                objectives="站在審批人的位置看一筆授信",
                audience="客戶經理",
            )
        )
    if not course.get_children().filter(slug=REVIEW_SLUG).exists():
        course.add_child(instance=_review(REVIEW_TITLE, REVIEW_SLUG, "confidential"))
    existing = course.get_children().count()
    for number in range(existing, max(count, 1)):
        level = ("restricted", "confidential")[number % 2]
        course.add_child(
            instance=_review(f"壓測風險案例 {number:05d}", f"review-{number:05d}", level)
        )
    return course
