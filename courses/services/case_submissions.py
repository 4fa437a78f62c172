"""Writes of 兩案例: a customer manager writes a case and submits it; trainers
comment, send it back or accept it; an accepted case becomes a draft case
study page in one step. Who may do what is courses.selectors.case_submissions';
a refusal is PermissionDenied, bad input a ValidationError on its field."""

import os
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Collection

from notifications.services import notice_send
from people.models import Person
from people.roles import GROUP_NAMES, Role

from ..anonymisation import names_found_in
from ..conf import courses_settings
from ..models import (
    CaseStudyPage,
    CaseSubmission,
    CoursePage,
    ReviewAction,
    SubmissionAttachment,
    SubmissionReview,
    SubmissionStatus,
)
from ..selectors.case_submissions import (
    may_comment,
    may_decide,
    may_edit,
    may_review_cases,
    month_of,
    promotion_parents_for,
)

# The collection of the submissions' files (migration 0017 makes it); data, never translated.
CASE_FILES = "Case submission files"
TEXT_FIELDS = ("title", "outcome", "client_profile", "what_was_done", "how_it_went")
TEXT_FIELDS += ("lessons_learned",)

SUBMITTED = gettext_lazy("%(author)s submitted a case for review: %(title)s")
RETURNED = gettext_lazy("Your case was sent back with comments: %(title)s")
ACCEPTED = gettext_lazy("Your case was accepted: %(title)s")


def _texts(values: dict) -> dict:
    missing = {name: _("This field is required.") for name in TEXT_FIELDS if not values.get(name)}
    if missing:
        raise ValidationError(missing)
    return {name: str(values[name]).strip() for name in TEXT_FIELDS}


def attachment_check(upload) -> None:
    """The rules of any document: its type (WAGTAILDOCS_EXTENSIONS) and a size limit."""
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if allowed:
        try:
            FileExtensionValidator(allowed)(upload)
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(problem)s") % {"name": upload.name, "problem": error.messages[0]}
            ) from error
    limit = courses_settings.CASES_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is larger than %(size)d MB.")
            % {"name": upload.name, "size": limit // (1024 * 1024)}
        )


def case_files_collection() -> Collection:
    found = Collection.objects.filter(name=CASE_FILES).first()
    if found is None:
        found = Collection.get_first_root_node().add_child(name=CASE_FILES)
    return found


def _attach(submission: CaseSubmission, uploads, by) -> None:
    errors = []
    for upload in uploads:
        try:
            attachment_check(upload)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    collection = case_files_collection()
    for upload in uploads:
        document = get_document_model()(
            title=os.path.splitext(os.path.basename(upload.name))[0] or upload.name,
            file=upload,
            collection=collection,
            uploaded_by_user=by,
        )
        document.file_size = upload.size
        document.save()
        SubmissionAttachment.objects.create(submission=submission, document=document)


def _detach(submission: CaseSubmission, attachments) -> None:
    """Remove attachments and their files: a file nobody's case holds serves nobody."""
    for attachment in submission.attachments.filter(pk__in=[a.pk for a in attachments]):
        document = attachment.document
        attachment.delete()
        document.file.delete(save=False)
        document.delete()


@transaction.atomic
def submission_create(*, by, author: Person, attachments=(), **values) -> CaseSubmission:
    """A draft case by `author` (the signed-in user's own person)."""
    if author.user_id != by.pk:
        raise PermissionDenied
    submission = CaseSubmission.objects.create(author=author, **_texts(values))
    _attach(submission, attachments, by)
    return submission


@transaction.atomic
def submission_update(
    *, by, submission: CaseSubmission, attachments=(), remove=(), **values
) -> CaseSubmission:
    """Change a draft or a sent-back case (its author only)."""
    if not may_edit(by, submission):
        raise PermissionDenied
    for name, value in _texts(values).items():
        setattr(submission, name, value)
    submission.save()
    _detach(submission, remove)
    _attach(submission, attachments, by)
    return submission


def _step(submission, by, action, comment="", now=None) -> SubmissionReview:
    step = SubmissionReview.objects.create(
        submission=submission, author=by, action=action, comment=comment.strip()
    )
    if now is not None:
        SubmissionReview.objects.filter(pk=step.pk).update(created_at=now)
    return step


def _link(submission) -> str:
    return reverse("courses:case_detail", args=[submission.pk])


def trainers() -> list:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.TRAINER])
        .distinct()
    )


@transaction.atomic
def submission_submit(
    *, by, submission: CaseSubmission, now: datetime | None = None
) -> CaseSubmission:
    """Send a draft (or a sent-back case) for review. The first submission
    decides the month it counts for; a resubmission keeps it. Trainers are told."""
    if not may_edit(by, submission):
        raise PermissionDenied
    now = now or timezone.now()
    if submission.submitted_at is None:
        submission.submitted_at = now
        submission.month = month_of(now)
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    _step(submission, by, ReviewAction.SUBMIT, now=now)
    for trainer in trainers():
        if trainer.pk != by.pk:
            notice_send(
                recipient=trainer,
                message=SUBMITTED,
                link=_link(submission),
                author=submission.author.name,
                title=submission.title,
            )
    return submission


def submission_comment(*, by, submission: CaseSubmission, comment: str) -> SubmissionReview:
    if not may_comment(by, submission):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": _("Write a comment.")})
    return _step(submission, by, ReviewAction.COMMENT, comment)


def _decide(by, submission, status, action, comment, message, now) -> CaseSubmission:
    if not may_decide(by, submission):
        raise PermissionDenied
    now = now or timezone.now()
    submission.status = status
    submission.reviewed_by = by
    submission.reviewed_at = now
    submission.save()
    _step(submission, by, action, comment)
    notice_send(
        recipient=submission.author.user,
        message=message,
        link=_link(submission),
        title=submission.title,
    )
    return submission


@transaction.atomic
def submission_return(
    *, by, submission: CaseSubmission, comment: str, now: datetime | None = None
) -> CaseSubmission:
    """Send a case back to its author with what to change (a comment is required)."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the author should change.")})
    return _decide(
        by, submission, SubmissionStatus.RETURNED, ReviewAction.RETURN, comment, RETURNED, now
    )


@transaction.atomic
def submission_accept(
    *, by, submission: CaseSubmission, comment: str = "", now: datetime | None = None
) -> CaseSubmission:
    return _decide(
        by, submission, SubmissionStatus.ACCEPTED, ReviewAction.ACCEPT, comment, ACCEPTED, now
    )


def _with_attachments(text: str, submission: CaseSubmission) -> str:
    """The case's Markdown with a link to each attachment, so the files follow the page."""
    links = [
        f"- [{a.document.title}]({a.document.url})"
        for a in submission.attachments.select_related("document")
    ]
    if not links:
        return text
    return "\n\n".join([text, f"**{_('Attachments')}**", "\n".join(links)])


@transaction.atomic
def submission_promote(
    *, by, submission: CaseSubmission, parent: CoursePage, now: datetime | None = None
) -> tuple[CaseStudyPage, list[str]]:
    """Make an accepted case a DRAFT case study page under `parent` (a course
    `by` may add pages to), crediting its author. The page is saved as a
    revision, never published: it goes through the workflow like any other.
    Returns the page and the protected names found in it (courses.anonymisation)."""
    if submission.status != SubmissionStatus.ACCEPTED or not may_review_cases(by):
        raise PermissionDenied
    if submission.page_id is not None:
        raise ValidationError(_("This case is already a page."))
    if not promotion_parents_for(by).filter(pk=parent.pk).exists():
        raise ValidationError({"parent": _("You may not add pages to this course.")})
    now = now or timezone.now()
    page = CaseStudyPage(
        title=submission.title,
        slug=f"submitted-case-{submission.pk}",
        live=False,
        owner=by,
        client_profile=submission.client_profile,
        situation=submission.what_was_done,
        how_it_went=_with_attachments(submission.how_it_went, submission),
        outcome=submission.outcome,
        lessons_learned=submission.lessons_learned,
        contributed_by=submission.author,
    )
    parent.add_child(instance=page)
    page.save_revision(user=by)
    submission.page = page
    submission.promoted_at = now
    submission.promoted_by = by
    submission.save()
    _step(submission, by, ReviewAction.PROMOTE)
    return page, names_found_in(page)
