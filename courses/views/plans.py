"""Training plans (培訓計劃) for managers: the assignments of their scope, a
form to assign, an assignment's people with their status, withdrawing.
Who sees what is decided in courses.selectors.plan_pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.plans import AssignmentForm
from ..selectors.plan_pages import (
    assignment_get,
    assignment_list,
    assignment_people,
    assignment_people_counts,
    assignment_rows,
    may_manage_plans,
    plan_totals,
)
from ..selectors.plans import AssigneeStatus
from ..services.plans import assignment_create, assignment_withdraw, may_withdraw

PER_PAGE = 25
PEOPLE_PER_PAGE = 50


def _statuses(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(key, AssigneeStatus.LABELS[key], counts.get(key, 0)) for key in AssigneeStatus.ORDER]


@login_required
def plan_list(request):
    if not may_manage_plans(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    status = request.GET.get("status")
    status = status if status in AssigneeStatus.ORDER else None
    page = Paginator(assignment_list(request.user, status=status, today=today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = assignment_rows(request.user, page.object_list, today=today)
    return render(
        request,
        "courses/plans/list.html",
        {
            "page": page,
            "rows": [(row, _statuses(row.counts)) for row in rows],
            "totals": _statuses(plan_totals(request.user, today=today)),
            "status": status,
            "status_label": AssigneeStatus.LABELS.get(status, ""),
        },
    )


@login_required
def plan_new(request):
    if not may_manage_plans(request.user):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = assignment_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The training is assigned."))
            return redirect("courses:plan_detail", assignment.pk)
    return render(request, "courses/plans/new.html", {"form": form})


@login_required
def plan_detail(request, assignment_id: int):
    assignment = assignment_get(request.user, assignment_id)
    if assignment is None:
        raise Http404
    today = timezone.localdate()
    page = Paginator(assignment_people(request.user, assignment, today=today), PEOPLE_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for row in page.object_list:
        row.status_label = AssigneeStatus.LABELS[row.status]
    return render(
        request,
        "courses/plans/detail.html",
        {
            "assignment": assignment,
            "page": page,
            "counts": _statuses(assignment_people_counts(request.user, assignment, today=today)),
            "may_withdraw": assignment.withdrawn_at is None
            and may_withdraw(request.user, assignment),
        },
    )


@login_required
@require_POST
def plan_withdraw(request, assignment_id: int):
    assignment = assignment_get(request.user, assignment_id)
    if assignment is None:
        raise Http404
    assignment_withdraw(by=request.user, assignment=assignment)  # PermissionDenied: 403
    messages.success(request, _("The assignment is withdrawn."))
    return redirect("courses:plan_detail", assignment.pk)
