"""The pipeline's pages for one kind of import, to include in an app's own
URL namespace (which must also name its upload page "upload")."""

from django.urls import path

from . import views


def pipeline_urls(kind: str) -> list:
    extra = {"kind": kind}
    return [
        path("imports/", views.run_list, extra, name="list"),
        path("imports/<int:pk>/", views.run_detail, extra, name="detail"),
        path("imports/<int:pk>/status/", views.run_status, extra, name="status"),
        path("imports/<int:pk>/encoding/", views.run_encoding, extra, name="encoding"),
        path("imports/<int:pk>/confirm/", views.run_confirm, extra, name="confirm"),
        path("imports/<int:pk>/retry/", views.run_retry, extra, name="retry"),
        path("imports/<int:pk>/discard/", views.run_discard, extra, name="discard"),
    ]
