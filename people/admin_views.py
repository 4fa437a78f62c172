"""Roster import in the Wagtail admin: the upload page. The preview, the
confirmation, the progress and the list of imports are the import pipeline's
pages (imports.views), mounted in people.admin_urls."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from imports.selectors import import_runs_for
from imports.services import import_run_create
from tabular.writing import csv_response

from .forms import RosterUploadForm
from .roster.columns import TEMPLATE_EXAMPLE, TEMPLATE_HEADER, column_headers


def _require_import_permission(request):
    if not request.user.has_perm("people.import_roster"):
        raise PermissionDenied


def upload(request):
    _require_import_permission(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        run = import_run_create(
            kind="roster", user=request.user, file_name=uploaded.name, data=uploaded.read()
        )
        return redirect("people_roster:detail", pk=run.pk)
    return TemplateResponse(
        request,
        "people/admin/roster_upload.html",
        {
            "form": form,
            "recent": import_runs_for(request.user, "roster")[:10],
            "columns": column_headers(),
        },
    )


def template_csv(request):
    """An empty roster with the column names and one example row."""
    _require_import_permission(request)
    return csv_response([TEMPLATE_EXAMPLE], header=TEMPLATE_HEADER, file_name="roster-template.csv")
