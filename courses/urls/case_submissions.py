"""URLs of 兩案例 (see courses/urls/__init__.py), under /learning/cases/."""

from django.urls import path

from ..views import case_submissions as views

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/review/", views.case_review, name="case_review"),
    path("cases/summary/", views.case_summary, name="case_summary"),
    path("cases/summary/export.<str:fmt>", views.case_summary_export, name="case_summary_export"),
    path("cases/<int:submission_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:submission_id>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:submission_id>/submit/", views.case_submit, name="case_submit"),
    path("cases/<int:submission_id>/comment/", views.case_comment, name="case_comment"),
    path("cases/<int:submission_id>/return/", views.case_return, name="case_return"),
    path("cases/<int:submission_id>/accept/", views.case_accept, name="case_accept"),
    path("cases/<int:submission_id>/promote/", views.case_promote, name="case_promote"),
]
