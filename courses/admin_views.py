"""Admin screen: how learners chose at each decision point of a case."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from .models import CaseStudyPage
from .selectors.decisions import decision_summaries


def decisions(request, page_id):
    page = get_object_or_404(CaseStudyPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    points = decision_summaries(list(page.decision_points.all()))
    return TemplateResponse(
        request, "courses/admin/decisions.html", {"page": page, "points": points}
    )


urlpatterns = [path("<int:page_id>/", decisions, name="decisions")]
