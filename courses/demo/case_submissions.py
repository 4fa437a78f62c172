"""Demo 兩案例, read from case_submissions.yaml beside this module: the demo
team's cases at every stage (a draft, one waiting for review, one sent back,
one accepted, one made a draft case study page under a course of the demo
catalogue). build() adds a case only when its author has none with its
title, so running it again changes nothing; clear() removes those cases,
their files and the draft pages made of them."""

import mimetypes
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from courses.models import CaseSubmission, CoursePage
from courses.services.case_submissions import (
    submission_accept,
    submission_create,
    submission_promote,
    submission_return,
    submission_submit,
)
from demofiles import yaml_read
from people.models import Person

DATA = Path(__file__).with_name("case_submissions.yaml")
STAGES = {"draft", "submitted", "returned", "accepted", "page"}
TEXTS = ["title", "outcome", "client_profile", "what_was_done", "how_it_went", "lessons_learned"]
OPTIONAL = {"days": None, "review": "", "under": None, "attachment": None}


def data() -> dict:
    raw = yaml_read(DATA).take(["reviewer", "cases"])
    specs = [entry.take(["author", "stage", *TEXTS], OPTIONAL) for entry in raw.entries("cases")]
    for spec in specs:
        if spec["stage"] not in STAGES:
            raise spec.error(f"a stage is one of {', '.join(sorted(STAGES))}", "stage")
        if (spec["stage"] == "draft") != (spec["days"] is None):
            raise spec.error("a draft has no days; every other case has", "days")
        if spec["stage"] == "page" and not spec["under"]:
            raise spec.error("a case made a page names the course it goes under", "under")
    return {"reviewer": raw["reviewer"], "cases": specs}


def _attachment(name: str) -> SimpleUploadedFile:
    rows = "項目,內容\n收單費率,按交易額分檔\n代發工資,免費\n資金歸集,每日下午歸集\n"
    # A file a customer manager would attach (its type from its name), not an export.
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return SimpleUploadedFile(name, rows.encode("utf-8-sig"), content_type=content_type)


@transaction.atomic
def _make(spec, reviewer, now) -> CaseSubmission:
    author = Person.objects.select_related("user").get(employee_id=spec["author"])
    attachments = [_attachment(spec["attachment"])] if spec["attachment"] else []
    case = submission_create(
        by=author.user,
        author=author,
        attachments=attachments,
        **{name: spec[name] for name in TEXTS},
    )
    if spec["stage"] == "draft":
        return case
    submission_submit(by=author.user, submission=case, now=now + timedelta(days=spec["days"]))
    if spec["stage"] == "returned":
        submission_return(by=reviewer, submission=case, comment=spec["review"])
    elif spec["stage"] in ("accepted", "page"):
        submission_accept(by=reviewer, submission=case, comment=spec["review"])
    if spec["stage"] == "page":
        parent = CoursePage.objects.get(slug=spec["under"])
        submission_promote(by=reviewer, submission=case, parent=parent)
    return case


def build(*, log=print) -> None:
    demo = data()
    reviewer = Person.objects.select_related("user").get(employee_id=demo["reviewer"]).user
    now = timezone.now()
    added = 0
    for spec in demo["cases"]:
        if CaseSubmission.objects.filter(
            author__employee_id=spec["author"], title=spec["title"]
        ).exists():
            continue
        _make(spec, reviewer, now)
        added += 1
    log(f"courses: {added} submitted cases added (/learning/cases/).")


def clear(*, log=print) -> None:
    """Remove the cases of case_submissions.yaml, their files and their draft pages."""
    demo = data()
    removed = 0
    for spec in demo["cases"]:
        cases = CaseSubmission.objects.filter(
            author__employee_id=spec["author"], title=spec["title"]
        ).select_related("page")
        for case in cases:
            for attachment in case.attachments.select_related("document"):
                attachment.document.file.delete(save=False)
                attachment.document.delete()
            # Only the draft page made of it, never one published since.
            if case.page is not None and not case.page.live:
                case.page.delete()
            case.delete()
            removed += 1
    log(f"courses: demo submitted cases removed ({removed}).")
