"""Item analysis in the Wagtail admin: flagged questions across the bank, one
question (optionally within one drill), one drill. Loaded by wagtail_hooks."""

import functools

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from markup.rendering import render_markdown

from ..models import Drill, Question
from ..selectors.analysis import (
    CLOSED,
    FLAG_MIN_ANSWERS,
    FLAG_WINDOW_DAYS,
    drill_analysis,
    flagged_questions,
    question_analysis,
)

# Reading the analysis needs the right to see the bank; the menu is for authors.
READ_PERMISSIONS = ("quizzes.change_question", "quizzes.view_question")
MENU_PERMISSION = "quizzes.change_question"
FLAGGED_LIMIT = 50


def _read_permission_required(view):
    """403 without the right to see the bank. Raising PermissionDenied would
    not do: Wagtail's admin turns it into a redirect to the dashboard."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if not any(request.user.has_perm(permission) for permission in READ_PERMISSIONS):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return checked


def _bank_questions():
    # Territory questions are one person's or one team's record, not bank items.
    return Question.objects.filter(owner_person__isnull=True, owner_unit__isnull=True)


def _drill_from_query(request) -> Drill | None:
    raw = request.GET.get("drill", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(Drill, pk=int(raw))


def _displayed_tables(tables) -> list[dict]:
    """Choice texts are authors' Markdown: rendered by the one renderer.
    Typed answers stay plain text, escaped by the template."""
    return [
        {
            "version": table.version,
            "answers": table.answers,
            "rows": [
                {"row": row, "html": render_markdown(row.label) if table.markdown else None}
                for row in table.rows
            ],
        }
        for table in tables
    ]


@_read_permission_required
def overview_view(request):
    drills = (
        Drill.objects.annotate(
            closed_attempts=Count("attempts", filter=Q(attempts__status__in=CLOSED))
        )
        .filter(closed_attempts__gt=0)
        .order_by("title")
    )
    return TemplateResponse(
        request,
        "quizzes/admin/analysis_overview.html",
        {
            "flagged": flagged_questions(limit=FLAGGED_LIMIT),
            "drills": drills,
            "days": FLAG_WINDOW_DAYS,
            "min_answers": FLAG_MIN_ANSWERS,
        },
    )


@_read_permission_required
def question_view(request, pk):
    question = get_object_or_404(
        _bank_questions().select_related("current_version", "category", "topic"), pk=pk
    )
    drill = _drill_from_query(request)
    analysis = question_analysis(question, drill=drill)
    return TemplateResponse(
        request,
        "quizzes/admin/analysis_question.html",
        {
            "analysis": analysis,
            "question": question,
            "drill": drill,
            "stem_html": render_markdown(
                question.current_version.stem if question.current_version else ""
            ),
            "option_tables": _displayed_tables(analysis.options),
            "history": [
                {"version": version, "stem_html": render_markdown(version.stem)}
                for version in analysis.history
            ],
            "can_edit": request.user.has_perm("quizzes.change_question"),
            "min_answers": FLAG_MIN_ANSWERS,
        },
    )


@_read_permission_required
def drill_view(request, pk):
    drill = get_object_or_404(Drill, pk=pk)
    return TemplateResponse(
        request,
        "quizzes/admin/analysis_drill.html",
        {"drill": drill, "analyses": drill_analysis(drill), "min_answers": FLAG_MIN_ANSWERS},
    )


urlpatterns = [
    path("", overview_view, name="overview"),
    path("questions/<int:pk>/", question_view, name="question"),
    path("drills/<int:pk>/", drill_view, name="drill"),
]


@hooks.register("register_admin_urls")
def register_analysis_urls():
    return [path("quizzes/analysis/", include((urlpatterns, "quizzes_analysis")))]


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MENU_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_analysis_menu_item():
    return AnalysisMenuItem(
        _("Item analysis"), reverse("quizzes_analysis:overview"), icon_name="table", order=310
    )
