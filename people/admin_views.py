"""Roster import in the Wagtail admin: upload, preview, apply."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import RosterUploadForm
from .models import RosterImport
from .roster import COLUMN_ALIASES, RosterInvalid, column_label, roster_apply, roster_preview


def _require_import_permission(request):
    if not request.user.has_perm("people.import_roster"):
        raise PermissionDenied


def upload(request):
    _require_import_permission(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        roster_import = roster_preview(
            file_name=uploaded.name, data=uploaded.read(), user=request.user
        )
        return redirect("people_roster:preview", pk=roster_import.pk)
    return TemplateResponse(
        request,
        "people/admin/roster_upload.html",
        {
            "form": form,
            "recent": RosterImport.objects.select_related("created_by")[:10],
            "columns": list(COLUMN_ALIASES),
        },
    )


def preview(request, pk):
    _require_import_permission(request)
    roster_import = get_object_or_404(RosterImport, pk=pk)
    # Columns and changed fields are stored as keys; show them as column labels.
    plan = [
        {**row, "changes": [column_label(key) for key in row.get("changes", [])]}
        for row in roster_import.summary.get("plan", [])
    ]
    errors = [
        {**error, "column": column_label(error["column"]) if error["column"] else ""}
        for error in roster_import.errors
    ]
    return TemplateResponse(
        request,
        "people/admin/roster_preview.html",
        {
            "roster_import": roster_import,
            "plan": plan,
            "errors": errors,
            "can_apply": roster_import.status == RosterImport.Status.PREVIEWED,
        },
    )


@require_POST
def apply(request, pk):
    _require_import_permission(request)
    roster_import = get_object_or_404(RosterImport, pk=pk)
    try:
        plan = roster_apply(roster_import=roster_import)
    except RosterInvalid as invalid:
        for error in invalid.errors[:20]:
            messages.error(
                request,
                _("Row %(row)s, %(column)s: %(message)s")
                % {
                    "row": error.row,
                    "column": column_label(error.column),
                    "message": error.message,
                },
            )
        messages.error(request, _("Nothing was imported."))
        return redirect("people_roster:preview", pk=pk)
    messages.success(
        request,
        _("Roster applied: %(creates)d added, %(updates)d updated, %(unchanged)d unchanged.")
        % plan.summary(),
    )
    return redirect("people_roster:upload")


def template_csv(request):
    """An empty roster with the column names and one example row."""
    _require_import_permission(request)
    body = (
        "employee_id,name,unit,position,hire_date,manager,roles,email,grade,guidance_type\r\n"
        "E10001,王小明,總行/華東分行/浦東支行/浦東一隊,客戶經理,2024-03-01,no,trainee,,junior,\r\n"
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response
