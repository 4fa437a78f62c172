"""URLs of business results (see courses/urls/__init__.py): the hand entry page,
and the import's upload, template and pipeline pages in the nested namespace
courses:results_import."""

from django.urls import include, path

from imports.urls import pipeline_urls

from ..pipeline_results import FIGURES_KIND
from ..views import results as views

import_patterns = [
    path("", views.figures_upload, name="upload"),
    path("template.<str:extension>", views.figures_template, name="template"),
    *pipeline_urls(FIGURES_KIND),
]

urlpatterns = [
    path("results/", views.figures_entry, name="results"),
    path("results/import/", include((import_patterns, "results_import"))),
]
