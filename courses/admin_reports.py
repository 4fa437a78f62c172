"""Wagtail's admin reports, without the confidential pages a user may not read.

Wagtail's page types report names the page of each type edited last, whoever
asks; a trainer would read the title of the restricted review edited last.
Wagtail's page chooser, opened on a page, names it in its header: opened on a
restricted review by somebody who may not read it, it answers 404; so does the
confirmation before publishing over a workflow, which names the workflow and
step a page is at.
The host site routes the report to this view ahead of Wagtail's admin URLs
(`courses.admin_reports.urlpatterns`, see site/hostsite/urls.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .confidentiality import page_hidden_from


class ConfidentialPageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            if page is not None and page_hidden_from(self.request.user, page):
                item.last_edited_page = None
        return page_types


class ConfidentialPageChooserBrowseView(BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = get_object_or_404(Page, id=parent_page_id)
            if page_hidden_from(request.user, parent):
                raise Http404
        return super().get(request, parent_page_id)


def confirm_workflow_cancellation(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    if page_hidden_from(request.user, page):
        raise Http404
    return ConfirmWorkflowCancellationView.as_view()(request, page_id=page_id)


_patterns = [
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        confirm_workflow_cancellation,
        name="confirm_workflow_cancellation",
    ),
    path(
        "choose-page/<int:parent_page_id>/",
        ConfidentialPageChooserBrowseView.as_view(),
        name="choose_page_child",
    ),
    path(
        "reports/page-types-usage/",
        ConfidentialPageTypesUsageReportView.as_view(),
        name="page_types_usage",
    ),
    path(
        "reports/page-types-usage/results/",
        ConfidentialPageTypesUsageReportView.as_view(results_only=True),
        name="page_types_usage_results",
    ),
]
# As Wagtail decorates its own admin URLs.
urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(_patterns, require_admin_access), never_cache
)
