"""ROOT_URLCONF of the bench settings: the baselines, then the whole site.
They come first because Wagtail's page serving at the end catches every path."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/bare-json/", views.bare_json, name="bench_bare_json"),
    path("bench/bare-insert/", views.bare_insert, name="bench_bare_insert"),
    # No namespace, so the site's URL names (home, login, ...) stay as they are.
    path("", include("hostsite.urls")),
]
