import pytest
from wagtail.models import Site

from courses.models import CaseStudyPage, CourseIndexPage, CoursePage, DecisionPoint, LessonPage
from people.roles import Role
from tests.factories import PersonFactory


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


def risk_review(course, title, slug, level, **fields):
    """A published risk case review under `course` at confidentiality `level`."""
    import datetime

    from courses.models import RiskCaseReviewPage

    values = {
        "application_summary": "某精密製造企業申請流動資金貸款",
        "decision": "approved",
        "rationale": "現金流穩定",
        "later_status": "defaulted",
        "customer_manager_view": "客戶經理認為客戶前景好",
        "risk_manager_view": "風險經理關注行業周期",
        "review_date": datetime.date(2026, 10, 15),
        **fields,
    }
    return course.add_child(
        instance=RiskCaseReviewPage(title=title, slug=slug, confidentiality=level, **values)
    )


def senior_trainer(unit):
    """A trainer in the senior trainers' group, who approves courses."""
    from django.contrib.auth.models import Group

    from courses.authoring import SENIOR_TRAINERS
    from people.roles import Role
    from tests.factories import PersonFactory

    person = PersonFactory(unit=unit, user__roles=[Role.TRAINER])
    person.user.groups.add(Group.objects.get(name=SENIOR_TRAINERS))
    return person


@pytest.fixture
def reviews(db):
    """A risk review course with a confidential and a restricted review."""
    from courses.models import RiskReviewCoursePage

    root = Site.objects.get(is_default_site=True).root_page
    course = root.add_child(
        instance=RiskReviewCoursePage(
            title="風險案例解析", slug="risk-reviews", objectives="換位思考", audience="客戶經理"
        )
    )
    return {
        "course": course,
        "confidential": risk_review(course, "授信案例甲", "case-a", "confidential"),
        "restricted": risk_review(course, "授信案例乙：關聯交易", "case-b", "restricted"),
    }


# People in other roles and places, shared by the courses' tests (the org tree
# and the trainee and manager of 浦東對公團隊 come from tests/conftest.py).


@pytest.fixture
def other_manager(org):
    """Manages 浦西支行: another sub-branch of the same branch."""
    return PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])


@pytest.fixture
def other_trainee(org):
    """A colleague in the trainee's own team."""
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
