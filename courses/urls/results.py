"""URLs of business results (see courses/urls/__init__.py): the hand entry page,
and the import's upload, template and pipeline pages in the nested namespace
courses:results_import."""

from django.urls import include, path

from imports.urls import pipeline_urls

from ..pipeline_results import FIGURES_KIND
from ..views import results as views

import_patterns = [
    path("", views.figures_upload, name="upload"),
    path("template.csv", views.figures_template, {"extension": "csv"}, name="template_csv"),
    path("template.xlsx", views.figures_template, {"extension": "xlsx"}, name="template_xlsx"),
    *pipeline_urls(FIGURES_KIND),
]

urlpatterns = [
    path("results/", views.figures_entry, name="results"),
    path("results/import/", include((import_patterns, "results_import"))),
]
