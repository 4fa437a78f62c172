"""Query budgets: my cases, a case, the review queue, the summary and the
dashboard section cost the same for few and many rows (status beside each)."""

import datetime

import pytest
from django.urls import reverse

from courses.models import SubmissionReview
from courses.services.case_submissions import submission_comment
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import OrgUnitFactory, PersonFactory

from .conftest import case_make, client_for, pdf

pytestmark = pytest.mark.django_db

SIZES = (2, 30)
BUDGET = 22


def flat(counts):
    return len(set(counts)) == 1


@pytest.fixture
def _media(media_on_disk):
    return media_on_disk


def test_my_cases(people, django_assert_max_num_queries):
    client = client_for(people, "author")
    counts = []
    for size in SIZES:
        for n in range(size):
            case_make(people["author"], title=f"案例{size}-{n}")
        counts.append(
            queries_of(client, reverse("courses:case_list"), BUDGET, django_assert_max_num_queries)
        )
    assert flat(counts), counts


def test_a_case_with_few_and_many_comments_and_files(people, _media, django_assert_max_num_queries):
    counts = []
    for size in SIZES:
        case = case_make(people["author"], attachments=[pdf(f"{n}.pdf") for n in range(size)])
        for n in range(size):
            submission_comment(by=people["trainer"].user, submission=case, comment=f"意見{n}")
            submission_comment(by=people["author"].user, submission=case, comment=f"回覆{n}")
        url = reverse("courses:case_detail", args=[case.pk])
        for role in ("author", "trainer", "manager"):
            client = client_for(people, role)
            counts.append((role, queries_of(client, url, BUDGET, django_assert_max_num_queries)))
    assert SubmissionReview.objects.count() > 2 * SIZES[1]
    for role in ("author", "trainer", "manager"):
        assert flat([n for r, n in counts if r == role]), counts


def test_the_review_queue(people, org, django_assert_max_num_queries):
    client = client_for(people, "trainer")
    counts = []
    for size in SIZES:
        for n in range(size):
            author = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
            case_make(author, title=f"佇列{size}-{n}")
        counts.append(
            queries_of(
                client, reverse("courses:case_review"), BUDGET, django_assert_max_num_queries
            )
        )
    assert flat(counts), counts


def test_the_summary_with_few_and_many_units(people, org, django_assert_max_num_queries):
    client = client_for(people, "administrator")
    url = reverse("courses:case_summary")
    counts = []
    for size in SIZES:
        for n in range(size):
            unit = OrgUnitFactory(
                name=f"新隊{size}-{n}", code=f"t{size}-{n}", kind="team", parent=org["pudong"]
            )
            author = PersonFactory(unit=unit, user__roles=[Role.TRAINEE])
            case_make(author)
        data = {"unit": org["head"].pk, "month": datetime.date.today().strftime("%Y-%m")}
        counts.append(queries_of(client, url, BUDGET, django_assert_max_num_queries, data=data))
        export = reverse("courses:case_summary_export", args=["xlsx"])
        counts.append(queries_of(client, export, BUDGET, django_assert_max_num_queries, data=data))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts


def test_the_dashboard_section(people, org, django_assert_max_num_queries):
    client = client_for(people, "manager")
    counts = []
    for size in SIZES:
        for n in range(size):
            author = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
            if n % 2:
                case_make(author)
        counts.append(
            queries_of(client, reverse("dashboard:home"), 40, django_assert_max_num_queries)
        )
        for fmt in ("csv", "xlsx"):
            url = reverse(f"dashboard:export_{fmt}", args=["cases", "behind"])
            counts.append(queries_of(client, url, 10, django_assert_max_num_queries))
    assert counts[:3] == counts[3:], counts
