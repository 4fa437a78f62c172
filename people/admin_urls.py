from django.urls import path

from . import admin_views

app_name = "people_roster"
urlpatterns = [
    path("", admin_views.upload, name="upload"),
    path("<int:pk>/", admin_views.preview, name="preview"),
    path("<int:pk>/apply/", admin_views.apply, name="apply"),
    path("template.csv", admin_views.template_csv, name="template"),
]
