"""Admin screens to import question files (GIFT, Aiken, CSV, XLSX) and export GIFT.
The preview, confirmation, progress and list are the import pipeline's pages."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from imports.forms import UploadField
from imports.selectors import import_runs_for
from imports.services import import_run_create
from imports.urls import pipeline_urls
from tabular.writing import csv_response

from ..conf import quizzes_settings
from ..importers import export_gift
from ..importers.spreadsheet_columns import template_rows
from ..models import Category, Topic
from ..selectors.exports import category_export_list


class QuestionImportForm(forms.Form):
    file = UploadField(
        max_bytes=lambda: quizzes_settings.IMPORT_MAX_BYTES,
        label=_("Question file"),
        help_text=_(
            "GIFT or Aiken (.gift, .txt) or a spreadsheet (.csv, .xlsx); UTF-8, GB18030 or Big5."
        ),
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.order_by("path"), label=_("Into category")
    )
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Default topic"))


def _require(request, permission="quizzes.add_question"):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def upload(request):
    _require(request)
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        run = import_run_create(
            kind="questions",
            user=request.user,
            file_name=uploaded.name,
            data=uploaded.read(),
            params={
                "category": form.cleaned_data["category"].pk,
                "topic": form.cleaned_data["topic"].pk,
            },
        )
        return redirect("quizzes_import:detail", pk=run.pk)
    return TemplateResponse(
        request,
        "quizzes/admin/import_upload.html",
        {"form": form, "recent": import_runs_for(request.user, "questions")[:10]},
    )


def template(request):
    _require(request)
    header, rows = template_rows()
    return csv_response(rows, header=header, file_name="questions-template.csv")


def export(request, category_id):
    """The category's questions (with its sub-categories) as GIFT."""
    _require(request, "quizzes.view_question")
    root = get_object_or_404(Category, pk=category_id)
    response = HttpResponse(
        export_gift(category_export_list(category=root)), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="questions-{root.pk}.gift.txt"'
    return response


urlpatterns = [
    path("", upload, name="upload"),
    path("template.csv", template, name="template"),
    path("export/<int:category_id>/", export, name="export"),
    *pipeline_urls("questions"),
]
