"""Admin screens to import question files (GIFT, Aiken, CSV, XLSX) and export GIFT."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .importers import export_gift
from .importers.parsed import ParsedQuestion
from .importers.spreadsheet import template_csv
from .models import Category, Question, QuestionImport, Topic
from .services.imports import import_progress, question_import_create


class QuestionImportForm(forms.Form):
    file = forms.FileField(
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
        question_import = question_import_create(
            file_name=uploaded.name,
            data=uploaded.read(),
            category=form.cleaned_data["category"],
            topic=form.cleaned_data["topic"],
            user=request.user,
        )
        return redirect("quizzes_import:detail", pk=question_import.pk)
    return TemplateResponse(
        request,
        "quizzes/admin/import_upload.html",
        {
            "form": form,
            "recent": QuestionImport.objects.defer("data").select_related("uploaded_by")[:10],
        },
    )


def detail(request, pk):
    _require(request)
    question_import = get_object_or_404(QuestionImport.objects.defer("data"), pk=pk)
    return TemplateResponse(request, "quizzes/admin/import_detail.html", {"item": question_import})


def progress(request, pk):
    _require(request)
    question_import = get_object_or_404(QuestionImport.objects.defer("data"), pk=pk)
    return JsonResponse(
        {
            "status": question_import.status,
            "total": question_import.total,
            "done": import_progress(question_import),
        }
    )


def template(request):
    _require(request)
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="questions-template.csv"'
    return response


def _category_path(category: Category, root: Category) -> str:
    names = [c.name for c in category.get_ancestors() if c.depth > root.depth] + [category.name]
    return "/".join(names) if category.pk != root.pk else ""


def export(request, category_id):
    """The category's questions (with its sub-categories) as GIFT."""
    _require(request, "quizzes.view_question")
    root = get_object_or_404(Category, pk=category_id)
    categories = {c.pk: c for c in Category.objects.filter(path__startswith=root.path)}
    questions = (
        Question.objects.filter(
            category__in=categories.values(), owner_person__isnull=True, owner_unit__isnull=True
        )
        .select_related("current_version", "topic")
        .order_by("category__path", "name")
    )
    parsed = [
        ParsedQuestion(
            line=0,
            qtype=q.qtype,
            name=q.name,
            stem=q.current_version.stem,
            payload=q.current_version.payload,
            general_feedback=q.current_version.general_feedback,
            category=_category_path(categories[q.category_id], root),
        )
        for q in questions
        if q.current_version
    ]
    response = HttpResponse(export_gift(parsed), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questions-{root.pk}.gift.txt"'
    return response


urlpatterns = [
    path("", upload, name="upload"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/progress/", progress, name="progress"),
    path("template.csv", template, name="template"),
    path("export/<int:category_id>/", export, name="export"),
]
