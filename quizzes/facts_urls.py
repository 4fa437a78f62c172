"""Territory fact sheets. The host mounts them with
path("drills/facts/", include("quizzes.facts_urls"))."""

from django.urls import path

from . import facts_views as views

app_name = "quizzes_facts"
urlpatterns = [
    path("", views.my_facts, name="mine"),
    path("people/<int:person_id>/", views.person_facts, name="person"),
    path("sheets/", views.sheet_list, name="sheet_list"),
    path("sheets/<int:sheet_id>/", views.sheet_detail, name="sheet_detail"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.csv", views.template_csv, name="template"),
    path("upload/<str:token>/", views.preview, name="preview"),
    path("upload/<str:token>/apply/", views.apply, name="apply"),
    path("upload/<str:token>/discard/", views.discard, name="discard"),
]
