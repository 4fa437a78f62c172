"""Territory fact sheets. The host mounts them with
path("drills/facts/", include("quizzes.urls.facts"))."""

from django.urls import path

from imports.urls import pipeline_urls

from ..views import facts as views

app_name = "quizzes_facts"
urlpatterns = [
    path("", views.my_facts, name="mine"),
    path("people/<int:person_id>/", views.person_facts, name="person"),
    path("sheets/", views.sheet_list, name="sheet_list"),
    path("sheets/<int:sheet_id>/", views.sheet_detail, name="sheet_detail"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.csv", views.template_csv, name="template"),
    # The pipeline's pages: the uploads, each one's preview and progress.
    *pipeline_urls("facts"),
]
