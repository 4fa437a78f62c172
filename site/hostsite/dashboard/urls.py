"""The dashboard's URLs (namespace "dashboard"), mounted at /dashboard/ by the host."""

from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("<slug:section>/<slug:table>.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<slug:section>/<slug:table>.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
