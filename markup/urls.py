"""Admin URLs of the markup app, mounted under /admin/markup/ by wagtail_hooks."""

from django.urls import path

from . import views

app_name = "markup"

urlpatterns = [
    path("preview/", views.preview, name="preview"),
]
