"""兩案例 pages: my cases, writing one, a case with its history and comments,
the trainers' review queue, making an accepted case a draft page, and the
monthly summary per unit with its CSV and XLSX. Who may do what is decided
in courses.selectors.case_submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from people.selectors import person_for_user
from replicas import reading_from_replica
from tabular import csv_response, xlsx_response

from ..forms.case_submissions import CommentForm, PromoteForm, SubmissionForm
from ..models import SubmissionStatus
from ..selectors.case_submissions import (
    is_author,
    may_comment,
    may_decide,
    may_edit,
    may_promote,
    may_review_cases,
    may_see_case_summary,
    month_count,
    month_parse,
    monthly_summary,
    monthly_target,
    my_submissions,
    review_queue,
    submission_attachments,
    submission_get,
    submission_history,
    summary_default_unit,
    summary_units_for,
    this_month,
)
from ..services.case_submissions import (
    TEXT_FIELDS,
    submission_accept,
    submission_comment,
    submission_create,
    submission_promote,
    submission_return,
    submission_submit,
    submission_update,
)

PER_PAGE = 25
QUEUE_STATUSES = [SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED]


def _own_person(request):
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied
    return person


def _submission_or_404(request, submission_id):
    submission = submission_get(request.user, submission_id)
    if submission is None:
        raise Http404
    return submission


@login_required
@require_safe
def case_list(request):
    person = _own_person(request)
    month = this_month()
    page = Paginator(my_submissions(person), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/cases/list.html",
        {
            "page": page,
            "count": month_count(person, month),
            "target": monthly_target(),
            "month": month,
            "may_review": may_review_cases(request.user),
            "may_summary": may_see_case_summary(request.user),
        },
    )


def _values(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("remove", None)
    return data


@login_required
def case_new(request):
    person = _own_person(request)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = submission_create(by=request.user, author=person, **_values(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _saved(request, submission)
    return render(request, "courses/cases/edit.html", {"form": form, "submission": None})


def _saved(request, submission):
    if "submit" in request.POST:
        submission_submit(by=request.user, submission=submission)
        messages.success(request, _("Your case is submitted for review."))
    else:
        messages.success(request, _("Your case is saved."))
    return redirect("courses:case_detail", submission.pk)


@login_required
def case_edit(request, submission_id: int):
    submission = _submission_or_404(request, submission_id)
    if not may_edit(request.user, submission):
        raise PermissionDenied
    initial = {name: getattr(submission, name) for name in TEXT_FIELDS}
    form = SubmissionForm(
        request.POST or None, request.FILES or None, initial=initial, submission=submission
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission_update(
                by=request.user,
                submission=submission,
                remove=form.cleaned_data.get("remove") or [],
                **_values(form),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _saved(request, submission)
    return render(request, "courses/cases/edit.html", {"form": form, "submission": submission})


@login_required
@require_safe
def case_detail(request, submission_id: int):
    return _detail(request, _submission_or_404(request, submission_id), CommentForm())


def _detail(request, submission, comment_form, *, status: int = 200):
    """The case's page; with a refused comment, its form bound, the error on
    its field and the text kept (answered 400)."""
    return render(
        request,
        "courses/cases/detail.html",
        {
            "submission": submission,
            "history": list(submission_history(submission)),
            "attachments": list(submission_attachments(submission)),
            "is_author": is_author(request.user, submission),
            "may_edit": may_edit(request.user, submission),
            "may_comment": may_comment(request.user, submission),
            "may_decide": may_decide(request.user, submission),
            "may_promote": may_promote(request.user, submission),
            "may_review": may_review_cases(request.user),
            "comment_form": comment_form,
        },
        status=status,
    )


@login_required
@require_POST
def case_submit(request, submission_id: int):
    submission = _submission_or_404(request, submission_id)
    submission_submit(by=request.user, submission=submission)  # PermissionDenied: 403
    messages.success(request, _("Your case is submitted for review."))
    return redirect("courses:case_detail", submission.pk)


def _with_comment(request, submission_id, action, done: str):
    submission = _submission_or_404(request, submission_id)
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        action(by=request.user, submission=submission, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        form.add_service_errors(error)
        return _detail(request, submission, form, status=400)
    messages.success(request, done)
    return redirect("courses:case_detail", submission.pk)


@login_required
@require_POST
def case_comment(request, submission_id: int):
    return _with_comment(request, submission_id, submission_comment, _("Your comment is added."))


@login_required
@require_POST
def case_return(request, submission_id: int):
    return _with_comment(
        request, submission_id, submission_return, _("The case is sent back to its author.")
    )


@login_required
@require_POST
def case_accept(request, submission_id: int):
    return _with_comment(request, submission_id, submission_accept, _("The case is accepted."))


@login_required
def case_promote(request, submission_id: int):
    submission = _submission_or_404(request, submission_id)
    if not may_promote(request.user, submission):
        raise PermissionDenied
    form = PromoteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            page, names = submission_promote(
                by=request.user, submission=submission, parent=form.cleaned_data["parent"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if names:
                messages.warning(
                    request,
                    _(
                        "The draft page names what may be real customers: %(names)s. "
                        "Anonymise it before sending it for approval."
                    )
                    % {"names": "、".join(names)},
                )
            else:
                messages.success(
                    request, _("The case is a draft page now; no protected names were found.")
                )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return render(request, "courses/cases/promote.html", {"form": form, "submission": submission})


@login_required
@require_safe
def case_review(request):
    if not may_review_cases(request.user):
        raise PermissionDenied
    status = request.GET.get("status")
    status = status if status in QUEUE_STATUSES else SubmissionStatus.SUBMITTED
    page = Paginator(review_queue(request.user, status=status), PER_PAGE).get_page(
        request.GET.get("page")
    )
    statuses = [(key, SubmissionStatus(key).label) for key in QUEUE_STATUSES]
    return render(
        request,
        "courses/cases/review.html",
        {"page": page, "status": status, "statuses": statuses},
    )


def _summary(request):
    if not may_see_case_summary(request.user):
        raise PermissionDenied
    units = summary_units_for(request.user)
    unit_id = request.GET.get("unit")
    unit = (
        units.filter(pk=unit_id).first()
        if unit_id and unit_id.isdigit()
        else summary_default_unit(request.user)
    )
    if unit_id and unit is None:
        raise Http404
    month = month_parse(request.GET.get("month")) or this_month()
    rows = monthly_summary(unit, month) if unit is not None else []
    return unit, month, rows


@login_required
@require_safe
@reading_from_replica
def case_summary(request):
    unit, month, rows = _summary(request)
    return render(
        request,
        "courses/cases/summary.html",
        {
            "unit": unit,
            "month": month,
            "rows": rows,
            "target": monthly_target(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_safe
@reading_from_replica
def case_summary_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    unit, month, rows = _summary(request)
    header = [_("Unit"), _("Trainees"), _("Submitted"), _("Accepted"), _("Behind")]
    table = [
        [("  " * row.level) + row.unit.name, row.people, row.submitted, row.accepted, row.behind]
        for row in rows
    ]
    name = f"cases-{unit.code if unit else 'none'}-{month:%Y-%m}"
    if fmt == "xlsx":
        return xlsx_response(table, header=header, file_name=f"{name}.xlsx", sheet_title=_("Cases"))
    return csv_response(table, header=header, file_name=f"{name}.csv")
