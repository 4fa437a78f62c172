"""Query budgets of the course pages, search and the courses app's admin
screens: each page is asked at two sizes, answers 200, stays within its
budget and takes the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CaseStudyPage, DecisionChoice, DecisionPoint, RiskFactor
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

from .conftest import lesson, risk_review

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 20


def flat(counts):
    few, many = counts
    assert few == many, f"{few} queries with few rows, {many} with many"


def lessons_up_to(course, count):
    existing = course.get_children().count()
    for number in range(existing + 1, count + 1):
        lesson(course, 100 + number)


def test_course_page(client, trainee, course, django_assert_max_num_queries):
    """At most 8 signed in (issue 16): the session, the user (the rest of the
    reader from the cache), the page (its route from the cache), its lessons,
    the enrolment, the lessons done, prerequisites, the site."""
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        lessons_up_to(course, size)
        counts.append(queries_of(client, course.url, 8, django_assert_max_num_queries))
    flat(counts)


def test_lesson_page(client, trainee, course, django_assert_max_num_queries):
    client.force_login(trainee.user)
    first = course.get_children().first()
    counts = []
    for size in (FEW, MANY):
        lessons_up_to(course, size)
        counts.append(queries_of(client, first.url, 8, django_assert_max_num_queries))
    flat(counts)


def case_with(course, points, slug):
    case = CaseStudyPage(
        title=f"授信案例{slug}",
        slug=slug,
        client_profile="製造企業",
        situation="客戶申請授信",
        how_it_went="最終放款",
        outcome="failure",
        lessons_learned="看現金流",
        timeline=[("event", {"when": f"第{n}月", "what": "放款"}) for n in range(points)],
    )
    case.decision_points = [
        DecisionPoint(
            prompt=f"第{n}個決策：是否受理？",
            options="受理\n不受理\n補充材料",
            expert_answer="應先核實現金流",
            actual_outcome="一年後逾期",
        )
        for n in range(points)
    ]
    case = course.add_child(instance=case)
    case.save_revision().publish()
    return case


def choose(people, case):
    now = timezone.now()
    DecisionChoice.objects.bulk_create(
        DecisionChoice(
            person=person, decision_point=point, option=index % 3, reasoning="現金流", chosen_at=now
        )
        for index, person in enumerate(people)
        for point in case.decision_points.all()
    )


@pytest.mark.parametrize("answered", [False, True])
def test_case_page(client, trainee, course, answered, django_assert_max_num_queries):
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        case = case_with(course, size, f"case-{size}")
        if answered:
            choose([trainee], case)
        counts.append(queries_of(client, case.url, 10, django_assert_max_num_queries))
    flat(counts)


def test_case_decisions_in_the_admin(client, org, course, django_assert_max_num_queries):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    learners = [PersonFactory(unit=org["pudong_team"]) for _ in range(MANY)]
    client.force_login(trainer.user)
    counts = []
    for size in (FEW, MANY):
        case = case_with(course, size, f"case-{size}")
        choose(learners[:size], case)
        url = reverse("courses_admin:decisions", args=[case.pk])
        counts.append(queries_of(client, url, 20, django_assert_max_num_queries))
    flat(counts)


def test_risk_review_page(client, trainee, reviews, django_assert_max_num_queries):
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        review = risk_review(
            reviews["course"],
            f"授信案例{size}",
            f"review-{size}",
            "confidential",
            reviewing_expert=PersonFactory(user__roles=[Role.RISK_EXPERT]),
        )
        factors = RiskFactor.objects.bulk_create(
            RiskFactor(name=f"風險因素{size}-{n:02d}", description="說明") for n in range(size)
        )
        review.risk_factors.set(factors)
        review.save_revision().publish()
        counts.append(queries_of(client, review.url, 11, django_assert_max_num_queries))
    flat(counts)


def test_risk_review_course_page(client, trainee, reviews, django_assert_max_num_queries):
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        while reviews["course"].get_children().count() < size + 2:
            number = reviews["course"].get_children().count()
            level = ("confidential", "restricted")[number % 2]
            risk_review(reviews["course"], f"案例{number}", f"more-{number}", level)
        url = reviews["course"].url
        counts.append(queries_of(client, url, 9, django_assert_max_num_queries))
    flat(counts)


def test_search(client, trainee, course, reviews, django_assert_max_num_queries):
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        lessons_up_to(course, size)
        while reviews["course"].get_children().count() < size:
            number = reviews["course"].get_children().count()
            level = ("confidential", "restricted")[number % 2]
            risk_review(reviews["course"], f"第{number}課案例", f"search-{number}", level)
        url = reverse("search")
        response = client.get(url, {"q": "課"})
        assert len(response.context["results"]) >= size
        counts.append(queries_of(client, url, 17, django_assert_max_num_queries, data={"q": "課"}))
    flat(counts)


def test_page_types_report(client, org, course, django_assert_max_num_queries):
    # Wagtail shows this report to superusers only.
    administrator = PersonFactory(unit=org["head"], user__is_superuser=True)
    client.force_login(administrator.user)
    counts = []
    for size in (FEW, MANY):
        lessons_up_to(course, size)
        case_with(course, 1, f"case-{size}")
        url = reverse("wagtailadmin_reports:page_types_usage")
        counts.append(queries_of(client, url, 22, django_assert_max_num_queries))
    flat(counts)


def test_decision_summaries_count_options_and_keep_the_latest_reasons(course, org):
    from courses.selectors import decision_summaries

    case = case_with(course, 2, "case-summary")
    first, second = case.decision_points.all()
    learners = [PersonFactory(unit=org["pudong_team"]) for _ in range(4)]
    start = timezone.now()
    for minutes, (person, option) in enumerate(zip(learners, [0, 2, 2, 1], strict=True)):
        DecisionChoice.objects.create(
            person=person,
            decision_point=first,
            option=option,
            reasoning=f"理由{minutes}",
            chosen_at=start + datetime.timedelta(minutes=minutes),
        )
    summary = decision_summaries([first, second], latest=3)
    assert [item["point"] for item in summary] == [first, second]
    assert summary[0]["options"] == [("受理", 1), ("不受理", 1), ("補充材料", 2)]
    assert summary[0]["reasons"] == [(1, "理由3"), (2, "理由2"), (2, "理由1")]
    assert summary[1] == {
        "point": second,
        "options": [("受理", 0), ("不受理", 0), ("補充材料", 0)],
        "reasons": [],
    }
    assert decision_summaries([]) == []


def test_sitemap(client, course, reviews, django_assert_max_num_queries):
    counts = []
    for size in (FEW, MANY):
        lessons_up_to(course, size)
        counts.append(queries_of(client, "/sitemap.xml", 10, django_assert_max_num_queries))
        assert client.get("/sitemap.xml").content.decode().count("/lesson-") == size
    flat(counts)
