"""A case from draft to a draft page: submitting, sending back, resubmitting,
accepting, making a page of it; notices on the way; located errors."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import CaseStudyPage, CaseSubmission, ReviewAction, SubmissionStatus
from courses.services.case_submissions import (
    submission_accept,
    submission_comment,
    submission_promote,
    submission_return,
    submission_submit,
)
from notifications.models import Notice

from .conftest import TEXTS, case_make, client_for, pdf

pytestmark = pytest.mark.django_db


def test_a_case_goes_from_draft_to_a_draft_page(people, course, settings):
    author, trainer = people["author"], people["trainer"]
    case = case_make(author, submit=False)
    assert case.status == SubmissionStatus.DRAFT and case.month is None
    submission_submit(by=author.user, submission=case)
    assert Notice.objects.filter(recipient=trainer.user, link__contains=f"/{case.pk}/").exists()
    first_month = case.month
    submission_return(by=trainer.user, submission=case, comment="客戶簡介再具體些")
    assert Notice.objects.filter(recipient=author.user).count() == 1
    submission_submit(by=author.user, submission=case)
    assert case.month == first_month
    submission_accept(by=trainer.user, submission=case)
    assert Notice.objects.filter(recipient=author.user).count() == 2
    page, names = submission_promote(by=trainer.user, submission=case, parent=course)
    page = CaseStudyPage.objects.get(pk=page.pk)
    assert page.live is False and page.latest_revision is not None
    assert page.contributed_by == author
    assert page.situation == TEXTS["what_was_done"]
    assert page.get_parent().pk == course.pk
    assert names == []
    case.refresh_from_db()
    assert case.page_id == page.pk and case.promoted_by == trainer.user
    actions = list(case.reviews.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "accept", "promote"]


def test_only_a_reviewer_decides_and_only_once(people):
    case = case_make(people["author"])
    for role in ("author", "other_trainee", "manager"):
        with pytest.raises(PermissionDenied):
            submission_accept(by=people[role].user, submission=case)
    submission_accept(by=people["trainer"].user, submission=case)
    with pytest.raises(PermissionDenied):
        submission_return(by=people["trainer"].user, submission=case, comment="x")


def test_sending_back_needs_a_comment(people):
    case = case_make(people["author"])
    with pytest.raises(ValidationError) as error:
        submission_return(by=people["trainer"].user, submission=case, comment=" ")
    assert "comment" in error.value.error_dict


def test_a_manager_reads_but_does_not_comment(people):
    case = case_make(people["author"])
    with pytest.raises(PermissionDenied):
        submission_comment(by=people["manager"].user, submission=case, comment="好")
    step = submission_comment(by=people["author"].user, submission=case, comment="補充")
    assert step.action == ReviewAction.COMMENT


def test_promotion_only_under_a_course_the_trainer_may_add_to(people, course, catalogue):
    from wagtail.models import Site

    from courses.models import CoursePage

    root = Site.objects.get(is_default_site=True).root_page
    elsewhere = root.add_child(
        instance=CoursePage(title="別處的課程", slug="elsewhere", objectives="x", audience="y")
    )
    case = case_make(people["author"])
    submission_accept(by=people["trainer"].user, submission=case)
    with pytest.raises(ValidationError) as error:
        submission_promote(by=people["trainer"].user, submission=case, parent=elsewhere)
    assert "parent" in error.value.error_dict


def test_the_form_shows_errors_on_their_fields(people):
    client = client_for(people, "author")
    response = client.post(
        reverse("courses:case_new"),
        {**TEXTS, "title": "", "attachments": [pdf("病毒.exe", b"MZ")]},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "attachments" in form.errors


def test_writing_and_submitting_through_the_pages(people):
    client = client_for(people, "author")
    response = client.post(reverse("courses:case_new"), {**TEXTS, "submit": "1"})
    assert response.status_code == 302
    case = CaseSubmission.objects.get()
    assert case.status == SubmissionStatus.SUBMITTED
    edit = client.get(reverse("courses:case_edit", args=[case.pk]))
    assert edit.status_code == 403  # submitted: no more changes until sent back


def test_a_trainer_does_not_decide_on_their_own_case(people):
    trainer = people["trainer"]
    case = case_make(trainer)
    with pytest.raises(PermissionDenied):
        submission_accept(by=trainer.user, submission=case)
    submission_accept(by=people["administrator"].user, submission=case)


def test_sending_back_without_a_comment_is_refused_on_the_field(people):
    case = case_make(people["author"])
    response = client_for(people, "trainer").post(
        reverse("courses:case_return", args=[case.pk]), {"comment": ""}
    )
    assert response.status_code == 400
    assert list(response.context["comment_form"].errors) == ["comment"]
    assert 'role="alert"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"
