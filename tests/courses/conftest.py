import pytest
from wagtail.models import Site

from courses.models import CaseStudyPage, CourseIndexPage, CoursePage, DecisionPoint, LessonPage


@pytest.fixture
def catalogue(db):
    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))


def lesson(course, n):
    return course.add_child(
        instance=LessonPage(
            title=f"第{n}課",
            slug=f"lesson-{n}",
            body=[
                ("markdown", f"**第{n}課**內容"),
                ("key_points", {"heading": "要點", "points": ["一", "二"]}),
            ],
        )
    )


@pytest.fixture
def course(catalogue):
    course = catalogue.add_child(
        instance=CoursePage(
            title="贏得企業客戶", slug="winning", objectives="學會*案例*分析", audience="客戶經理"
        )
    )
    for n in range(1, 3):
        lesson(course, n)
    return course


@pytest.fixture
def case(course):
    case = CaseStudyPage(
        title="某製造企業授信",
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
            expert_answer="應先核實現金流",
            actual_outcome="一年後逾期",
        )
    ]
    return course.add_child(instance=case)
