"""Every door of 兩案例 per role: the author, a colleague of the same team, the
author's manager, the manager of another sub-branch, a trainer, an
administrator and a visitor. No GET writes."""

import pytest
from django.urls import reverse

from courses.models import CaseSubmission, SubmissionReview, SubmissionStatus
from courses.services.case_submissions import submission_accept, submission_return

from .conftest import ROLES, TEXTS, case_make, client_for

pytestmark = pytest.mark.django_db

OK, DENIED = 200, 403
SIGN_IN = 302


def statuses(people, url, method="get", data=None):
    result = {}
    for role in ROLES:
        client = client_for(people, role)
        response = getattr(client, method)(url, data or {})
        code = response.status_code
        if code == 302 and "/login/" in response.get("Location", ""):
            code = SIGN_IN
        result[role] = code
    return result


def expected(**codes):
    base = {role: codes.get(role, 404) for role in ROLES}
    base["anonymous"] = SIGN_IN
    return base


def test_a_submitted_case_is_read_by_its_author_their_manager_trainers_and_administrators(
    people,
):
    case = case_make(people["author"])
    url = reverse("courses:case_detail", args=[case.pk])
    assert statuses(people, url) == expected(author=OK, manager=OK, trainer=OK, administrator=OK)


def test_a_draft_is_its_authors_alone(people):
    case = case_make(people["author"], submit=False)
    url = reverse("courses:case_detail", args=[case.pk])
    assert statuses(people, url) == expected(author=OK)


def test_editing_is_for_the_author_of_a_draft_or_a_sent_back_case(people):
    case = case_make(people["author"])
    url = reverse("courses:case_edit", args=[case.pk])
    assert statuses(people, url) == expected(
        author=DENIED, manager=DENIED, trainer=DENIED, administrator=DENIED
    )
    submission_return(by=people["trainer"].user, submission=case, comment="再寫具體些")
    assert statuses(people, url) == expected(
        author=OK, manager=DENIED, trainer=DENIED, administrator=DENIED
    )


def test_my_cases_and_writing_one_need_a_person(people):
    for name in ("case_list", "case_new"):
        codes = statuses(people, reverse(f"courses:{name}"))
        assert codes == {**{role: OK for role in ROLES}, "anonymous": SIGN_IN}


def test_the_review_queue_is_for_trainers_and_administrators(people):
    case_make(people["author"])
    codes = statuses(people, reverse("courses:case_review"))
    assert codes == {
        **{role: DENIED for role in ROLES},
        "trainer": OK,
        "administrator": OK,
        "anonymous": SIGN_IN,
    }


def test_the_summary_is_for_managers_and_administrators(people, org):
    for url in (
        reverse("courses:case_summary"),
        reverse("courses:case_summary_export", args=["csv"]),
        reverse("courses:case_summary_export", args=["xlsx"]),
    ):
        codes = statuses(people, url)
        assert codes == {
            **{role: DENIED for role in ROLES},
            "manager": OK,
            "other_manager": OK,
            "administrator": OK,
            "anonymous": SIGN_IN,
        }
    # Another branch's unit: 404 for the manager of 浦西.
    url = reverse("courses:case_summary")
    client = client_for(people, "other_manager")
    assert client.get(url, {"unit": org["pudong"].pk}).status_code == 404
    assert client.get(url, {"unit": org["puxi"].pk}).status_code == 200


@pytest.mark.parametrize("action", ["return", "accept"])
def test_only_reviewers_decide(people, action):
    allowed = {"trainer", "administrator"}
    for role in ROLES:
        case = case_make(people["author"], title=f"{action}-{role}")
        url = reverse(f"courses:case_{action}", args=[case.pk])
        response = client_for(people, role).post(url, {"comment": "意見"})
        case.refresh_from_db()
        if role in allowed:
            assert response.status_code == 302
            assert case.status != SubmissionStatus.SUBMITTED
        else:
            assert response.status_code in (302, 403, 404), role
            if role == "anonymous":
                assert "/login/" in response["Location"]
            assert case.status == SubmissionStatus.SUBMITTED, role


def test_comments_from_the_author_and_reviewers_only(people):
    case = case_make(people["author"])
    url = reverse("courses:case_comment", args=[case.pk])
    codes = statuses(people, url, "post", {"comment": "補充一句"})
    assert codes == {
        **expected(manager=DENIED),
        "author": 302,
        "trainer": 302,
        "administrator": 302,
    }
    assert SubmissionReview.objects.filter(action="comment").count() == 3


def test_submitting_is_the_authors(people):
    case = case_make(people["author"], submit=False)
    url = reverse("courses:case_submit", args=[case.pk])
    codes = statuses(people, url, "post")  # the author goes first: then it is submitted
    assert codes == {
        **expected(manager=DENIED, trainer=DENIED, administrator=DENIED),
        "author": 302,
    }
    case.refresh_from_db()
    assert case.status == SubmissionStatus.SUBMITTED


def test_promoting_is_a_trainers_once_accepted(people, course):
    case = case_make(people["author"])
    url = reverse("courses:case_promote", args=[case.pk])
    assert statuses(people, url) == expected(
        author=DENIED, manager=DENIED, trainer=DENIED, administrator=DENIED
    )
    submission_accept(by=people["trainer"].user, submission=case)
    assert statuses(people, url) == expected(
        author=DENIED, manager=DENIED, trainer=OK, administrator=OK
    )
    response = client_for(people, "trainer").post(url, {"parent": course.pk})
    case.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[case.page_id])
    # Once a page, never again.
    assert client_for(people, "trainer").get(url).status_code == DENIED


def test_no_get_writes(people, course, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = case_make(people["author"])
    submission_accept(by=people["trainer"].user, submission=case)
    urls = [
        reverse("courses:case_list"),
        reverse("courses:case_new"),
        reverse("courses:case_review"),
        reverse("courses:case_summary"),
        reverse("courses:case_summary_export", args=["xlsx"]),
        reverse("courses:case_detail", args=[case.pk]),
        reverse("courses:case_promote", args=[case.pk]),
        reverse("courses:case_submit", args=[case.pk]),
        reverse("courses:case_accept", args=[case.pk]),
    ]
    for role in ROLES:
        client = client_for(people, role)
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            writes = [
                q["sql"]
                for q in captured.captured_queries
                if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
                and "django_session" not in q["sql"]
            ]
            assert not writes, (role, url, writes)
    assert CaseSubmission.objects.get().status == SubmissionStatus.ACCEPTED
    assert TEXTS["title"] == case.title
