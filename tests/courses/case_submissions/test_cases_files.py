"""A case's attachments through the real /documents/<id>/<name> address, per
role: the case's readers before it is a page; the page's readers too after."""

import pytest
from wagtail.documents import get_document_model

from courses.models import SubmissionAttachment
from courses.services.case_submissions import (
    CASE_FILES,
    submission_accept,
    submission_promote,
    submission_update,
)

from .conftest import ROLES, TEXTS, case_make, client_for, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_on_disk):
    return media_on_disk


def readers(people, url) -> set[str]:
    return {role for role in ROLES if client_for(people, role).get(url).status_code == 200}


def test_attachments_sit_in_their_own_collection(people):
    case = case_make(people["author"], attachments=[pdf()])
    document = case.attachments.get().document
    assert document.collection.name == CASE_FILES


def test_a_draft_attachment_reaches_its_author_only(people):
    case = case_make(people["author"], submit=False, attachments=[pdf()])
    url = case.attachments.get().document.url
    assert readers(people, url) == {"author"}


def test_before_and_after_the_case_becomes_a_page(people, course):
    case = case_make(people["author"], attachments=[pdf()])
    document = case.attachments.get().document
    response = client_for(people, "author").get(document.url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 case"
    assert readers(people, document.url) == {"author", "manager", "trainer", "administrator"}
    submission_accept(by=people["trainer"].user, submission=case)
    page, _names = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    assert document.url in page.how_it_went
    # The draft page's readers (every signed-in person: a course is for staff) now too.
    assert readers(people, document.url) == set(ROLES) - {"anonymous"}


def test_a_link_in_another_page_does_not_open_a_cases_file(people, course):
    from tests.courses.conftest import lesson

    case = case_make(people["author"], attachments=[pdf()])
    document = case.attachments.get().document
    page = lesson(course, 9)
    page.body = [("markdown", f"[偷看]({document.url})")]
    page.save_revision().publish()
    assert readers(people, document.url) == {"author", "manager", "trainer", "administrator"}


def test_removing_an_attachment_removes_its_file(people):
    case = case_make(people["author"], submit=False, attachments=[pdf(), pdf("表.xlsx")])
    first = case.attachments.first()
    submission_update(
        by=people["author"].user, submission=case, remove=[first], **TEXTS, attachments=[]
    )
    assert not get_document_model().objects.filter(pk=first.document_id).exists()
    assert SubmissionAttachment.objects.filter(submission=case).count() == 1


def test_an_attachment_follows_the_document_rules(people, settings):
    from django.core.exceptions import ValidationError

    settings.COURSES_CASES_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        case_make(people["author"], attachments=[pdf(content=b"x" * 11)])
    assert "attachments" in error.value.error_dict
    with pytest.raises(ValidationError):
        case_make(people["author"], attachments=[pdf("腳本.exe", b"MZ")])
    assert not get_document_model().objects.exists()
