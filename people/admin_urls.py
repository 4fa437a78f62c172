from django.urls import path

from imports.urls import pipeline_urls

from . import admin_views

app_name = "people_roster"
urlpatterns = [
    path("", admin_views.upload, name="upload"),
    path("template.csv", admin_views.template_csv, name="template"),
    *pipeline_urls("roster"),
]
